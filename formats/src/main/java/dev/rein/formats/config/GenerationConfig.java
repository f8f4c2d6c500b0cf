package dev.rein.formats.config;

import dev.rein.formats.FormatException;
import dev.rein.formats.json.JsonFields;
import dev.rein.formats.json.JsonFiles;
import dev.rein.formats.json.NumberDomain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The generation settings a checkpoint ships in generation_config.json. Every setting is empty when the file does
 * not set it (or sets it to null), so that callers can layer their own choices over it; Hugging Face's
 * GenerationConfig would then use max_length 20, do_sample false, temperature 1, top_k 50, top_p 1, typical_p 1,
 * repetition_penalty 1, no_repeat_ngram_size 0, min_length 0 and no max_new_tokens, min_new_tokens or min_p.
 *
 * @param specialTokens    bos/eos/pad ids; when set they take precedence over config.json's
 * @param maxLength        limit on prompt plus generated tokens
 * @param maxNewTokens     limit on generated tokens
 * @param minLength        prompt plus generated tokens before EOS is allowed
 * @param minNewTokens     generated tokens before EOS is allowed
 * @param doSample         sample (true) or decode greedily (false)
 * @param temperature      divisor of the logits before sampling
 * @param topK             keep only the k most likely tokens
 * @param topP             keep the smallest set of most likely tokens whose probability reaches p
 * @param minP             drop tokens less likely than minP times the most likely one
 * @param typicalP         locally typical sampling mass
 * @param repetitionPenalty divisor (or multiplier, for negative logits) of already-seen tokens' logits
 * @param noRepeatNgramSize forbid repeating any n-gram of this size
 */
public record GenerationConfig(
        SpecialTokens specialTokens,
        OptionalInt maxLength,
        OptionalInt maxNewTokens,
        OptionalInt minLength,
        OptionalInt minNewTokens,
        Optional<Boolean> doSample,
        OptionalDouble temperature,
        OptionalInt topK,
        OptionalDouble topP,
        OptionalDouble minP,
        OptionalDouble typicalP,
        OptionalDouble repetitionPenalty,
        OptionalInt noRepeatNgramSize) {

    /** The file name of a checkpoint's generation settings. */
    public static final String FILE_NAME = "generation_config.json";

    /** No settings: what a checkpoint without generation_config.json has. */
    public static final GenerationConfig EMPTY = new GenerationConfig(SpecialTokens.NONE,
            OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(),
            OptionalDouble.empty(), OptionalInt.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
            OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty());

    /**
     * The settings this file sets, by their Hugging Face names, e.g. {@code "eos_token_id [51], temperature 0.7"};
     * {@code "none"} when it sets nothing.
     */
    public String summary() {
        List<String> parts = new ArrayList<>();
        addIds(parts, "bos_token_id", specialTokens.bos());
        addIds(parts, "eos_token_id", specialTokens.eos());
        addIds(parts, "pad_token_id", specialTokens.pad());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("max_length", maxLength);
        settings.put("max_new_tokens", maxNewTokens);
        settings.put("min_length", minLength);
        settings.put("min_new_tokens", minNewTokens);
        settings.put("do_sample", doSample);
        settings.put("temperature", temperature);
        settings.put("top_k", topK);
        settings.put("top_p", topP);
        settings.put("min_p", minP);
        settings.put("typical_p", typicalP);
        settings.put("repetition_penalty", repetitionPenalty);
        settings.put("no_repeat_ngram_size", noRepeatNgramSize);
        settings.forEach((name, value) -> {
            String shown = switch (value) {
                case OptionalInt v when v.isPresent() -> Integer.toString(v.getAsInt());
                case OptionalDouble v when v.isPresent() -> Double.toString(v.getAsDouble());
                case Optional<?> v when v.isPresent() -> v.get().toString();
                default -> null;
            };
            if (shown != null) parts.add(name + " " + shown);
        });
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static void addIds(List<String> parts, String name, List<Integer> ids) {
        if (!ids.isEmpty()) parts.add(name + " " + (ids.size() == 1 ? ids.getFirst() : ids));
    }

    /**
     * Reads a generation_config.json.
     *
     * @throws FormatException naming the file and field when the file is not JSON or a setting has the wrong type
     *                         or lies outside its domain: lengths of at least 1 (max_length, max_new_tokens) or 0
     *                         (min_length, min_new_tokens, top_k, no_repeat_ngram_size), temperature at least 0
     *                         (0: greedy), top_p and typical_p in (0, 1], min_p in [0, 1], repetition_penalty above
     *                         0, token ids at least 0 (the vocabulary is config.json's, not known here)
     * @throws IOException     when the file cannot be read
     */
    public static GenerationConfig read(Path generationConfigJson) throws IOException {
        JsonFields config = JsonFiles.readObject(generationConfigJson);
        OptionalInt absent = OptionalInt.empty();
        OptionalDouble noNumber = OptionalDouble.empty();
        return new GenerationConfig(
                SpecialTokens.read(config, SpecialTokens.NONE),
                config.optionalPositiveInteger("max_length", absent),
                config.optionalPositiveInteger("max_new_tokens", absent),
                config.optionalCount("min_length", absent),
                config.optionalCount("min_new_tokens", absent),
                config.optionalBool("do_sample"),
                config.optionalNumber("temperature", noNumber, NumberDomain.NON_NEGATIVE),
                config.optionalCount("top_k", absent),
                config.optionalNumber("top_p", noNumber, NumberDomain.MASS),
                config.optionalNumber("min_p", noNumber, NumberDomain.PROBABILITY),
                config.optionalNumber("typical_p", noNumber, NumberDomain.MASS),
                config.optionalNumber("repetition_penalty", noNumber, NumberDomain.POSITIVE),
                config.optionalCount("no_repeat_ngram_size", absent));
    }

    /** Reads {@code generation_config.json} from a checkpoint folder, or gives {@link #EMPTY} when it has none. */
    public static GenerationConfig readIfPresent(Path checkpointDir) throws IOException {
        Path file = checkpointDir.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? read(file) : EMPTY;
    }
}
