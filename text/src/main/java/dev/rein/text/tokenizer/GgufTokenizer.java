package dev.rein.text.tokenizer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.FormatException;
import dev.rein.formats.gguf.GgufMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The tokenizer of a GGUF file, from llama.cpp's {@code tokenizer.ggml.*} metadata, as the Hugging Face tokenizer
 * the model was converted from: the same {@link Tokenizer} pipeline, built from a tokenizer.json made in memory.
 * <ul>
 *   <li>{@code gpt2} (byte-level BPE): the tokens and merges as they are; the pre-tokenizer named by
 *       {@code tokenizer.ggml.pre} ({@code gpt-2}: GPT-2's pattern, also taken for {@code default} and the older
 *       spelling {@code gpt2}, though llama.cpp's own default pattern differs slightly; {@code llama-bpe}: Llama 3's;
 *       {@code qwen2}: Qwen 2's, with NFC first).</li>
 *   <li>{@code llama} (SentencePiece BPE): GGUF stores a score per token instead of merges; SentencePiece merges the
 *       adjacent pair whose joined piece scores highest, so every way of splitting a normal token into two tokens
 *       becomes a merge ranked by that token's score (then by id), which makes the BPE model choose as
 *       SentencePiece does, up to ties. Byte tokens ({@code <0x41>}) are the byte fallback; spaces become
 *       {@code ▁}, with one prepended unless {@code tokenizer.ggml.add_space_prefix} is false.</li>
 * </ul>
 * Control and unknown tokens become special added tokens, user-defined ones added tokens. BOS, EOS, padding and
 * unknown come from their {@code *_token_id} keys, whether to add BOS and EOS from {@code add_bos_token} and
 * {@code add_eos_token} (default: BOS for SentencePiece and Llama 3 vocabularies, as llama.cpp does), and the chat
 * template from {@code tokenizer.chat_template} ({@code tokenizer.chat_template.NAME} adds named ones).
 */
public final class GgufTokenizer {
    private static final String PREFIX = "tokenizer.ggml.";
    private static final String TEMPLATE_KEY = "tokenizer.chat_template";
    /** The names read as GPT-2's pre-tokenizer. */
    private static final List<String> GPT2_NAMES = List.of(LlamaCppVocabulary.GPT2, "gpt2", "default");

    private final Path file;
    private final GgufMetadata metadata;
    private final List<String> tokens;
    private final long[] types;
    private final JsonNodeFactory json = JsonNodeFactory.instance;

    private GgufTokenizer(Path file, GgufMetadata metadata) {
        this.file = file;
        this.metadata = metadata;
        this.tokens = metadata.optionalStrings(PREFIX + "tokens")
                .orElseThrow(() -> metadata.error(PREFIX + "tokens", "missing: the file has no vocabulary"));
        this.types = metadata.optionalIntegers(PREFIX + "token_type").orElseGet(() -> {
            long[] normal = new long[tokens.size()];
            java.util.Arrays.fill(normal, LlamaCppVocabulary.NORMAL);
            return normal;
        });
        if (types.length != tokens.size()) {
            throw metadata.error(PREFIX + "token_type", "holds " + types.length + " types for " + tokens.size()
                    + " tokens");
        }
    }

    /** Whether the file has a vocabulary ({@code tokenizer.ggml.tokens}). */
    public static boolean present(GgufMetadata metadata) {
        return metadata.contains(PREFIX + "tokens");
    }

    /**
     * The tokenizer described by {@code metadata} of {@code file}.
     *
     * @throws FormatException naming the key when the vocabulary is missing, malformed, or of a kind Rein does not
     *                         read (models other than gpt2 and llama, an unknown pre-tokenizer)
     */
    public static Tokenizer read(Path file, GgufMetadata metadata) {
        return new GgufTokenizer(file, metadata).build();
    }

    private Tokenizer build() {
        String model = metadata.string(PREFIX + "model");
        ObjectNode tokenizer = json.objectNode();
        boolean sentencePiece = switch (model) {
            case "llama" -> true;
            case "gpt2" -> false;
            default -> throw metadata.error(PREFIX + "model", "tokenizer model \"" + model + "\" is not supported; "
                    + "Rein reads gpt2 (byte-level BPE) and llama (SentencePiece BPE)");
        };
        ObjectNode bpe = tokenizer.putObject("model");
        bpe.put("type", "BPE");
        ObjectNode vocab = bpe.putObject("vocab");
        Map<String, Integer> ids = new HashMap<>();
        for (int id = 0; id < tokens.size(); id++) {
            if (ids.putIfAbsent(tokens.get(id), id) == null) vocab.put(tokens.get(id), id);
        }
        String pre = metadata.optionalString(PREFIX + "pre").orElse("default");
        if (sentencePiece) {
            sentencePiece(tokenizer, bpe, ids);
        } else {
            byteLevel(tokenizer, bpe, pre);
        }
        tokenizer.set("added_tokens", addedTokens());
        boolean bosByDefault = sentencePiece || LlamaCppVocabulary.SPLIT_PATTERNS.containsKey(pre)
                && !pre.equals("qwen2");
        TokenizerConfig config = new TokenizerConfig(file, token("bos_token_id"), token("eos_token_id"),
                token("padding_token_id"), token("unknown_token_id"),
                metadata.optionalBool(PREFIX + "add_bos_token").orElse(bosByDefault),
                metadata.optionalBool(PREFIX + "add_eos_token").orElse(false), chatTemplates(), null);
        return Tokenizer.of(TokenizerJsonReader.read(file, tokenizer), config);
    }

    private void sentencePiece(ObjectNode tokenizer, ObjectNode bpe, Map<String, Integer> ids) {
        double[] scores = metadata.optionalFloats(PREFIX + "scores")
                .orElseThrow(() -> metadata.error(PREFIX + "scores", "missing: a llama (SentencePiece) vocabulary "
                        + "ranks its merges by these scores"));
        if (scores.length != tokens.size()) {
            throw metadata.error(PREFIX + "scores", "holds " + scores.length + " scores for " + tokens.size()
                    + " tokens");
        }
        bpe.set("merges", merges(scores, ids));
        String unknown = token("unknown_token_id");
        if (unknown == null) {
            for (int id = 0; id < types.length && unknown == null; id++) {
                if (types[id] == LlamaCppVocabulary.UNKNOWN) unknown = tokens.get(id);
            }
        }
        if (unknown != null) bpe.put("unk_token", unknown);
        bpe.put("fuse_unk", true);
        bpe.put("byte_fallback", true);
        boolean prefixSpace = metadata.optionalBool(PREFIX + "add_space_prefix").orElse(true);
        ArrayNode normalizers = tokenizer.putObject("normalizer").put("type", "Sequence").putArray("normalizers");
        if (prefixSpace) normalizers.addObject().put("type", "Prepend").put("prepend", LlamaCppVocabulary.SPACE_MARK);
        replace(normalizers.addObject(), " ", LlamaCppVocabulary.SPACE_MARK);
        ArrayNode decoders = tokenizer.putObject("decoder").put("type", "Sequence").putArray("decoders");
        replace(decoders.addObject(), LlamaCppVocabulary.SPACE_MARK, " ");
        decoders.addObject().put("type", "ByteFallback");
        decoders.addObject().put("type", "Fuse");
        if (prefixSpace) decoders.addObject().put("type", "Strip").put("content", " ").put("start", 1).put("stop", 0);
    }

    /**
     * Every split of a normal token into two tokens, ranked by the token's score (highest first), then its id, then
     * the split's position.
     */
    private ArrayNode merges(double[] scores, Map<String, Integer> ids) {
        record Merge(double score, int id, int split, String left, String right) {
        }
        List<Merge> merges = new ArrayList<>();
        for (int id = 0; id < tokens.size(); id++) {
            if (types[id] != LlamaCppVocabulary.NORMAL) continue;
            String token = tokens.get(id);
            if (ids.get(token) != id) continue;
            for (int split = token.offsetByCodePoints(0, 1); split < token.length();
                    split = token.offsetByCodePoints(split, 1)) {
                String left = token.substring(0, split);
                String right = token.substring(split);
                if (ids.containsKey(left) && ids.containsKey(right)) {
                    merges.add(new Merge(scores[id], id, split, left, right));
                }
            }
        }
        merges.sort(Comparator.comparingDouble(Merge::score).reversed().thenComparingInt(Merge::id)
                .thenComparingInt(Merge::split));
        ArrayNode array = json.arrayNode();
        for (Merge merge : merges) array.addArray().add(merge.left()).add(merge.right());
        return array;
    }

    private void byteLevel(ObjectNode tokenizer, ObjectNode bpe, String pre) {
        List<String> merges = metadata.optionalStrings(PREFIX + "merges")
                .orElseThrow(() -> metadata.error(PREFIX + "merges", "missing: a gpt2 (byte-level BPE) vocabulary "
                        + "needs its merges"));
        ArrayNode array = bpe.putArray("merges");
        merges.forEach(array::add);
        String pattern = LlamaCppVocabulary.SPLIT_PATTERNS.get(pre);
        if (pattern == null && !GPT2_NAMES.contains(pre)) {
            throw metadata.error(PREFIX + "pre", "pre-tokenizer \"" + pre + "\" is not supported; Rein reads "
                    + String.join(", ", GPT2_NAMES) + ", "
                    + String.join(", ", new TreeSet<>(LlamaCppVocabulary.SPLIT_PATTERNS.keySet())));
        }
        if (pattern == null) {
            tokenizer.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false)
                    .put("use_regex", true);
        } else {
            ArrayNode steps = tokenizer.putObject("pre_tokenizer").put("type", "Sequence").putArray("pretokenizers");
            ObjectNode split = steps.addObject().put("type", "Split");
            split.putObject("pattern").put("Regex", pattern);
            split.put("behavior", "Isolated").put("invert", false);
            steps.addObject().put("type", "ByteLevel").put("add_prefix_space", false).put("use_regex", false);
            if (pre.equals("qwen2")) tokenizer.putObject("normalizer").put("type", "NFC");
            if (!pre.equals("qwen2")) bpe.put("ignore_merges", true);
        }
        tokenizer.putObject("decoder").put("type", "ByteLevel");
    }

    private ArrayNode addedTokens() {
        ArrayNode added = json.arrayNode();
        for (int id = 0; id < tokens.size(); id++) {
            long type = types[id];
            if (type != LlamaCppVocabulary.CONTROL && type != LlamaCppVocabulary.USER_DEFINED
                    && type != LlamaCppVocabulary.UNKNOWN) {
                continue;
            }
            boolean special = type != LlamaCppVocabulary.USER_DEFINED;
            added.addObject().put("id", id).put("content", tokens.get(id)).put("special", special)
                    .put("normalized", false);
        }
        return added;
    }

    private void replace(ObjectNode step, String pattern, String content) {
        step.put("type", "Replace").putObject("pattern").put("String", pattern);
        step.put("content", content);
    }

    /** The text of the token whose id {@code tokenizer.ggml.KEY} holds, or null when unset. */
    private String token(String key) {
        OptionalLong id = metadata.optionalInteger(PREFIX + key);
        if (id.isEmpty()) return null;
        if (id.getAsLong() < 0 || id.getAsLong() >= tokens.size()) {
            throw metadata.error(PREFIX + key, "token id " + id.getAsLong() + " is not below the " + tokens.size()
                    + " tokens");
        }
        return tokens.get((int) id.getAsLong());
    }

    private Map<String, String> chatTemplates() {
        Map<String, String> templates = new LinkedHashMap<>();
        metadata.optionalString(TEMPLATE_KEY).ifPresent(template -> templates.put(TokenizerConfig.DEFAULT_TEMPLATE,
                template));
        for (String key : metadata.values().keySet()) {
            if (key.startsWith(TEMPLATE_KEY + ".") && !key.equals(TEMPLATE_KEY + ".names")) {
                templates.put(key.substring(TEMPLATE_KEY.length() + 1), metadata.string(key));
            }
        }
        return templates;
    }
}
