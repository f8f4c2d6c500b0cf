package dev.rein.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The decoding options of the commands that generate (picocli mixin): how tokens are chosen and when generation
 * stops, with Hugging Face's meanings, over the defaults of the model's generation_config.json.
 */
final class DecodingOptions {
    @Option(names = "--preset", paramLabel = "NAME", description = "A method's decoding, which the flags below "
            + "override: ctrl (the control-token seed's: sample, top-p 0.7, top-k 0, temperature 1, no-repeat-ngram "
            + "1, 70 new tokens, min_length 40 counting the prompt) or cogsteer (CogSteer's toxicity evaluation: "
            + "sample, temperature 1, top-p 0.9, top-k 0, 20 new tokens, 25 sequences per prompt).")
    private DecodingPreset preset;

    @Option(names = "--max-new-tokens", paramLabel = "N", description = "Most tokens to generate (default: the model's, else 20).")
    private Integer maxNewTokens;

    @Option(names = "--min-new-tokens", paramLabel = "N", description = "Tokens before an end-of-sequence token may come.")
    private Integer minNewTokens;

    @Option(names = "--min-length", paramLabel = "N", description = "Prompt plus generated tokens before an end-of-sequence token may come, as Hugging Face's min_length (0: off).")
    private Integer minLength;

    @Option(names = "--sample", description = "Sample (with the model's or the given settings).")
    private boolean sample;

    @Option(names = "--greedy", description = "Always take the most likely token.")
    private boolean greedy;

    @Option(names = "--temperature", paramLabel = "T", description = "Divide logits by T before sampling.")
    private Double temperature;

    @Option(names = "--top-k", paramLabel = "K", description = "Keep the K most likely tokens (0: all).")
    private Integer topK;

    @Option(names = "--top-p", paramLabel = "P", description = "Keep the most likely tokens up to probability mass P.")
    private Double topP;

    @Option(names = "--min-p", paramLabel = "P", description = "Drop tokens less likely than P times the top token.")
    private Double minP;

    @Option(names = "--typical-p", paramLabel = "P", description = "Typical sampling with mass P.")
    private Double typicalP;

    @Option(names = "--repetition-penalty", paramLabel = "R", description = "Penalise tokens already present (1: off).")
    private Double repetitionPenalty;

    @Option(names = "--no-repeat-ngram", paramLabel = "N", description = "Never repeat an n-gram of this size.")
    private Integer noRepeatNgram;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop when the generated text contains TEXT (repeatable).")
    private List<String> stopStrings = new ArrayList<>();

    @Option(names = "--stop-id", paramLabel = "ID", description = "Stop at this token id, besides the model's EOS (repeatable).")
    private List<Integer> stopIds = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the sampler (default: 0), so runs repeat.")
    private long seed;

    @Option(names = {"-n", "--num-return-sequences"}, paramLabel = "N", description = "Sequences to sample (default: 1).")
    private Integer numReturnSequences;

    /**
     * Refuses to go on unless the user chose between sampling and greedy decoding with --sample or --greedy, for
     * RE-Control's commands: its code leaves the choice to each checkpoint's generation_config.json, which makes
     * runs differ silently.
     */
    void requireSamplingChoice() {
        if (!sample && !greedy) {
            throw new UserError("give --greedy or --sample (with --seed): RE-Control leaves the choice to each "
                    + "checkpoint's generation_config.json, which makes runs differ silently");
        }
    }

    /** The model's generation defaults with the given flags applied; any sampling flag turns sampling on unless --greedy. */
    SamplingSettings settings(LanguageModel model) {
        return builder(model).build();
    }

    /**
     * As {@link #settings}, but greedy unless --sample or a sampling flag turns sampling on, and at most
     * {@code maxNew} new tokens unless --max-new-tokens says otherwise: CIE's decoding (greedy, 256 new tokens).
     * A --preset replaces these defaults.
     */
    SamplingSettings greedyByDefault(LanguageModel model, int maxNew) {
        if (preset != null) return settings(model);
        SamplingSettings.Builder b = builder(model);
        if (!sample && !samplingFlag()) b.greedy();
        if (maxNewTokens == null) b.maxNewTokens(maxNew);
        return b.build();
    }

    /** As {@link #settings}, with {@code fallback}'s settings under the flags unless --preset names another. */
    SamplingSettings presetByDefault(LanguageModel model, DecodingPreset fallback) {
        return builder(model, preset != null ? preset : fallback).build();
    }

    private boolean samplingFlag() {
        return temperature != null || topK != null || topP != null || minP != null || typicalP != null
                || (numReturnSequences != null && numReturnSequences > 1);
    }

    private SamplingSettings.Builder builder(LanguageModel model) {
        return builder(model, preset);
    }

    /** The model's defaults, then {@code chosen}'s settings (when not null), then the flags. */
    private SamplingSettings.Builder builder(LanguageModel model, DecodingPreset chosen) {
        SamplingSettings.Builder b = SamplingSettings.builder(model.generationConfig(), model.config().specialTokens());
        if (chosen != null) chosen.apply(b);
        if (sample && greedy) {
            throw new UserError("--sample and --greedy contradict each other; give one");
        }
        if (sample || (samplingFlag() && !greedy)) b.sample();
        if (greedy) b.greedy();
        if (temperature != null) b.temperature(temperature);
        if (topK != null) b.topK(topK);
        if (topP != null) b.topP(topP);
        if (minP != null) b.minP(minP);
        if (typicalP != null) b.typicalP(typicalP);
        if (repetitionPenalty != null) b.repetitionPenalty(repetitionPenalty);
        if (noRepeatNgram != null) b.noRepeatNgramSize(noRepeatNgram);
        if (maxNewTokens != null) b.maxNewTokens(maxNewTokens);
        if (minNewTokens != null) b.minNewTokens(minNewTokens);
        if (minLength != null) b.minLength(minLength);
        if (numReturnSequences != null) b.numReturnSequences(numReturnSequences);
        b.addStopTokenIds(stopIds).stopStrings(stopStrings).seed(seed);
        return b;
    }

    /** The settings decoding used, as the JSON that records a run ({@code rein recontrol collect}, {@code eval}). */
    static ObjectNode describe(SamplingSettings settings) {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("do_sample", settings.doSample())
                .put("temperature", settings.temperature())
                .put("top_k", settings.topK())
                .put("top_p", settings.topP())
                .put("min_p", settings.minP())
                .put("typical_p", settings.typicalP())
                .put("repetition_penalty", settings.repetitionPenalty())
                .put("no_repeat_ngram_size", settings.noRepeatNgramSize())
                .put("min_new_tokens", settings.minNewTokens())
                .put("min_length", settings.minLength())
                .put("seed", settings.seed())
                .put("num_return_sequences", settings.numReturnSequences());
        settings.maxNewTokens().ifPresent(max -> json.put("max_new_tokens", max));
        settings.maxLength().ifPresent(max -> json.put("max_length", max));
        if (settings.maxNewTokens().isEmpty() && settings.maxLength().isEmpty()) {
            json.put("max_new_tokens", SamplingSettings.DEFAULT_MAX_NEW_TOKENS);
        }
        settings.stopTokenIds().stream().sorted().forEach(json.putArray("stop_token_ids")::add);
        settings.stopStrings().forEach(json.putArray("stop_strings")::add);
        return json;
    }
}
