package dev.rein.models.generation;

import dev.rein.formats.config.GenerationConfig;
import dev.rein.formats.config.SpecialTokens;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * How a {@code LanguageModel} should generate: the settings a caller chooses, applied over the model folder's
 * generation_config.json defaults when the model generates (as keyword arguments override them in Hugging Face's
 * {@code generate}). Immutable: every call returns a new value, so one can be shared and specialised.
 * <pre>
 * Sampling.greedy().maxNewTokens(40)
 * Sampling.sample().temperature(0.8).topP(0.9).seed(7).stop("\n\n")
 * model.sampling().temperature(0.3)          // the folder's defaults, one of them changed
 * </pre>
 * Each value is checked when it is set: an invalid one throws {@link IllegalArgumentException} naming the
 * setting by its Hugging Face name.
 */
public final class Sampling {
    private static final Sampling MODEL_DEFAULTS = new Sampling(Map.of());

    /** The settings chosen so far by Hugging Face name, each with how it sets a builder; later ones replace. */
    private final Map<String, Setting> settings;

    private record Setting(Object shown, Consumer<SamplingSettings.Builder> apply) {
    }

    private Sampling(Map<String, Setting> settings) {
        this.settings = settings;
    }

    /** Nothing changed: the model folder's generation_config.json, over Hugging Face's defaults. */
    public static Sampling modelDefaults() {
        return MODEL_DEFAULTS;
    }

    /** The most likely token at every step ({@code do_sample=False}). */
    public static Sampling greedy() {
        return MODEL_DEFAULTS.with("do_sample", false, SamplingSettings.Builder::greedy);
    }

    /** Tokens drawn from the processed distribution ({@code do_sample=True}); the folder's temperature etc. apply. */
    public static Sampling sample() {
        return MODEL_DEFAULTS.with("do_sample", true, SamplingSettings.Builder::sample);
    }

    /** Every value of resolved settings but the seed, as explicit choices (what {@code model.sampling()} shows). */
    public static Sampling of(SamplingSettings s) {
        return (s.doSample() ? sample() : greedy()).temperature(s.temperature()).topK(s.topK()).topP(s.topP())
                .minP(s.minP()).typicalP(s.typicalP()).repetitionPenalty(s.repetitionPenalty())
                .noRepeatNgramSize(s.noRepeatNgramSize()).minNewTokens(s.minNewTokens())
                .with("max_new_tokens", s.maxNewTokens(), b -> s.maxNewTokens().ifPresent(b::maxNewTokens))
                .with("max_length", s.maxLength(), b -> s.maxLength().ifPresent(b::maxLength))
                .with("min_length", s.minLength(), b -> b.minLength(s.minLength()))
                .stopTokenIds(s.stopTokenIds().stream().mapToInt(Integer::intValue).sorted().toArray())
                .stop(s.stopStrings().toArray(String[]::new)).samples(s.numReturnSequences());
    }

    /** Divisor of the logits when sampling, at least 0 (0 means greedy). */
    public Sampling temperature(double temperature) {
        return with("temperature", temperature, b -> b.temperature(temperature));
    }

    /** Keep the k most likely tokens when sampling; 0 turns it off. */
    public Sampling topK(int topK) {
        return with("top_k", topK, b -> b.topK(topK));
    }

    /** Nucleus mass kept when sampling, in (0, 1]. */
    public Sampling topP(double topP) {
        return with("top_p", topP, b -> b.topP(topP));
    }

    /** Minimum probability relative to the top token when sampling, in [0, 1]. */
    public Sampling minP(double minP) {
        return with("min_p", minP, b -> b.minP(minP));
    }

    /** Typical-sampling mass, in (0, 1]. */
    public Sampling typicalP(double typicalP) {
        return with("typical_p", typicalP, b -> b.typicalP(typicalP));
    }

    /** Penalty of tokens already in the row, above 0; 1 turns it off. */
    public Sampling repetitionPenalty(double penalty) {
        return with("repetition_penalty", penalty, b -> b.repetitionPenalty(penalty));
    }

    /** Size of the n-grams that may not repeat; 0 turns it off. */
    public Sampling noRepeatNgramSize(int size) {
        return with("no_repeat_ngram_size", size, b -> b.noRepeatNgramSize(size));
    }

    /** Generated tokens before a stop token may end the row. */
    public Sampling minNewTokens(int count) {
        return with("min_new_tokens", count, b -> b.minNewTokens(count));
    }

    /** Most tokens to generate. */
    public Sampling maxNewTokens(int count) {
        return with("max_new_tokens", count, b -> b.maxNewTokens(count));
    }

    /** Texts that end a row when the generated text contains them (the text before the stop is returned). */
    public Sampling stop(String... strings) {
        List<String> list = List.of(strings);
        return with("stop_strings", list, b -> b.stopStrings(list));
    }

    /** Token ids that end a row, replacing the model's EOS ids. */
    public Sampling stopTokenIds(int... ids) {
        List<Integer> list = Arrays.stream(ids).boxed().toList();
        return with("eos_token_id", list, b -> b.stopTokenIds(list));
    }

    /** The request's seed: the same seed gives the same tokens, in this process or a new one. */
    public Sampling seed(long seed) {
        return with("seed", seed, b -> b.seed(seed));
    }

    /** Sequences per prompt ({@code num_return_sequences}); above 1 only when sampling. */
    public Sampling samples(int count) {
        return with("num_return_sequences", count, b -> b.numReturnSequences(count));
    }

    /**
     * The full settings for a model: its generation_config.json and EOS ids, then these choices.
     *
     * @throws IllegalArgumentException when the combination is invalid (e.g. several samples while greedy)
     */
    public SamplingSettings resolve(GenerationConfig defaults, SpecialTokens modelTokens) {
        SamplingSettings.Builder builder = SamplingSettings.builder(defaults, modelTokens);
        settings.values().forEach(setting -> setting.apply().accept(builder));
        return builder.build();
    }

    /** The settings chosen, by Hugging Face name, e.g. {@code Sampling{do_sample=false, max_new_tokens=40}}. */
    @Override
    public String toString() {
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().shown())
                .collect(Collectors.joining(", ", "Sampling{", "}"));
    }

    private Sampling with(String name, Object shown, Consumer<SamplingSettings.Builder> apply) {
        Map<String, Setting> next = new LinkedHashMap<>(settings);
        next.remove(name);
        next.put(name, new Setting(shown, apply));
        SamplingSettings.Builder check = SamplingSettings.builder().sample();
        apply.accept(check);
        check.build();               // the value on its own, so the error names this setting; combinations: resolve
        return new Sampling(Collections.unmodifiableMap(next));
    }
}
