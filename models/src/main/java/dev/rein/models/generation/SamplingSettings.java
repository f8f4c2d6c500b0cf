package dev.rein.models.generation;

import dev.rein.formats.config.GenerationConfig;
import dev.rein.formats.config.SpecialTokens;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How to choose tokens and when to stop, with Hugging Face's meanings and defaults (those of its
 * {@code GenerationConfig}). Build one with {@link #builder()}, or with {@link #builder(GenerationConfig,
 * SpecialTokens)} so that a checkpoint's generation_config.json supplies the defaults that explicit builder calls
 * then override. The constructor validates every value.
 *
 * <p>Decisions where Hugging Face leaves room: temperature 0 with sampling on means greedy decoding (Hugging Face
 * rejects it); a value that turns a step off is the neutral one (top_k 0, top_p 1, min_p 0, typical_p 1,
 * repetition_penalty 1, no_repeat_ngram_size 0, min lengths 0). Settings that only matter when sampling are kept
 * but ignored when decoding greedily, as in Hugging Face.
 *
 * @param doSample           sample from the processed distribution (true) or take the most likely token
 * @param temperature        divisor of the logits when sampling, at least 0; 0 means greedy decoding
 * @param topK               keep the k most likely tokens when sampling; 0 turns it off
 * @param topP               nucleus mass kept when sampling, in (0, 1]
 * @param minP               minimum probability relative to the top token when sampling, in [0, 1]
 * @param typicalP           typical-sampling mass when sampling, in (0, 1]
 * @param repetitionPenalty  penalty of tokens already in the row, above 0; 1 turns it off
 * @param noRepeatNgramSize  size of the n-grams that may not repeat; 0 turns it off
 * @param minNewTokens       generated tokens before a stop token may come; takes precedence over minLength
 * @param minLength          prompt plus generated tokens before a stop token may come
 * @param maxNewTokens       most tokens to generate; takes precedence over maxLength
 * @param maxLength          most prompt plus generated tokens
 * @param stopTokenIds       ids that end a row (the EOS ids and any the user adds); the min lengths forbid these
 * @param stopStrings        texts that end a row when the generated text contains them
 * @param seed               the request's seed; see {@link RowRandom}
 * @param numReturnSequences sequences to sample per prompt; above 1 only when sampling
 */
public record SamplingSettings(
        boolean doSample,
        double temperature,
        int topK,
        double topP,
        double minP,
        double typicalP,
        double repetitionPenalty,
        int noRepeatNgramSize,
        int minNewTokens,
        int minLength,
        OptionalInt maxNewTokens,
        OptionalInt maxLength,
        Set<Integer> stopTokenIds,
        List<String> stopStrings,
        long seed,
        int numReturnSequences) {

    /** Tokens generated when neither maxNewTokens nor maxLength is set (Hugging Face's max_length 20, new tokens). */
    public static final int DEFAULT_MAX_NEW_TOKENS = 20;

    public SamplingSettings {
        require(Double.isFinite(temperature) && temperature >= 0, "temperature must be a finite number of at least 0"
                + " (0 means greedy decoding)", temperature);
        require(topK >= 0, "top_k must not be negative (0 turns it off)", topK);
        require(topP > 0 && topP <= 1, "top_p must be in (0, 1]", topP);
        require(minP >= 0 && minP <= 1, "min_p must be in [0, 1]", minP);
        require(typicalP > 0 && typicalP <= 1, "typical_p must be in (0, 1]", typicalP);
        require(Double.isFinite(repetitionPenalty) && repetitionPenalty > 0,
                "repetition_penalty must be a finite number above 0", repetitionPenalty);
        require(noRepeatNgramSize >= 0, "no_repeat_ngram_size must not be negative", noRepeatNgramSize);
        require(minNewTokens >= 0, "min_new_tokens must not be negative", minNewTokens);
        require(minLength >= 0, "min_length must not be negative", minLength);
        maxNewTokens.ifPresent(max -> require(max >= 1, "max_new_tokens must be at least 1", max));
        maxLength.ifPresent(max -> require(max >= 1, "max_length must be at least 1", max));
        for (Integer id : stopTokenIds) require(id != null && id >= 0, "stop token ids must not be negative", id);
        for (String stop : stopStrings) {
            require(stop != null && !stop.isEmpty(), "stop strings must not be empty", stop);
        }
        require(numReturnSequences >= 1, "num_return_sequences must be at least 1", numReturnSequences);
        if (numReturnSequences > 1 && !(doSample && temperature > 0)) {
            throw new IllegalArgumentException("num_return_sequences " + numReturnSequences
                    + " needs sampling (do_sample with a temperature above 0): greedy decoding gives one sequence");
        }
        stopTokenIds = Set.copyOf(stopTokenIds);
        stopStrings = List.copyOf(stopStrings);
    }

    /** Whether tokens are drawn at random: do_sample with a temperature above 0. */
    public boolean samples() {
        return doSample && temperature > 0;
    }

    /**
     * How many tokens a row with this prompt length may generate: maxNewTokens, else what maxLength leaves after
     * the prompt, else {@value #DEFAULT_MAX_NEW_TOKENS}.
     *
     * @throws IllegalArgumentException when maxLength decides and the prompt already reaches it
     */
    public int newTokenLimit(int promptLength) {
        if (maxNewTokens.isPresent()) return maxNewTokens.getAsInt();
        if (maxLength.isEmpty()) return DEFAULT_MAX_NEW_TOKENS;
        int left = maxLength.getAsInt() - promptLength;
        if (left < 1) {
            throw new IllegalArgumentException("the prompt has " + promptLength + " tokens but max_length is "
                    + maxLength.getAsInt() + "; set max_new_tokens to generate after it");
        }
        return left;
    }

    /** A builder starting from Hugging Face's defaults, with no stop tokens and a random seed. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from a checkpoint's settings: every value its generation_config.json sets, over Hugging
     * Face's defaults, and as stop tokens its EOS ids (generation_config.json's when it names any, else
     * config.json's).
     *
     * @param generation  the checkpoint's generation_config.json ({@link GenerationConfig#EMPTY} when it has none)
     * @param modelTokens config.json's special tokens
     */
    public static Builder builder(GenerationConfig generation, SpecialTokens modelTokens) {
        Builder builder = new Builder();
        if (generation.doSample().orElse(false)) builder.sample();
        generation.temperature().ifPresent(builder::temperature);
        generation.topK().ifPresent(builder::topK);
        generation.topP().ifPresent(builder::topP);
        generation.minP().ifPresent(builder::minP);
        generation.typicalP().ifPresent(builder::typicalP);
        generation.repetitionPenalty().ifPresent(builder::repetitionPenalty);
        generation.noRepeatNgramSize().ifPresent(builder::noRepeatNgramSize);
        generation.minNewTokens().ifPresent(builder::minNewTokens);
        generation.minLength().ifPresent(builder::minLength);
        generation.maxNewTokens().ifPresent(builder::maxNewTokens);
        generation.maxLength().ifPresent(builder::maxLength);
        List<Integer> eos = generation.specialTokens().eos();
        builder.stopTokenIds(eos.isEmpty() ? modelTokens.eos() : eos);
        return builder;
    }

    private static void require(boolean valid, String rule, Object value) {
        if (!valid) throw new IllegalArgumentException(rule + ", got " + value);
    }

    /** Collects settings; {@link #build()} validates them. Each setter replaces the value so far. */
    public static final class Builder {
        private boolean doSample;
        private double temperature = 1;
        private int topK = 50;
        private double topP = 1;
        private double minP;
        private double typicalP = 1;
        private double repetitionPenalty = 1;
        private int noRepeatNgramSize;
        private int minNewTokens;
        private int minLength;
        private OptionalInt maxNewTokens = OptionalInt.empty();
        private OptionalInt maxLength = OptionalInt.empty();
        private final Set<Integer> stopTokenIds = new LinkedHashSet<>();
        private final List<String> stopStrings = new ArrayList<>();
        private long seed = ThreadLocalRandom.current().nextLong();
        private int numReturnSequences = 1;

        private Builder() {
        }

        /** Draw each token from the processed distribution (Hugging Face's {@code do_sample=True}). */
        public Builder sample() {
            this.doSample = true;
            return this;
        }

        /** Take the most likely token at each step ({@code do_sample=False}, the default). */
        public Builder greedy() {
            this.doSample = false;
            return this;
        }

        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder topK(int topK) {
            this.topK = topK;
            return this;
        }

        public Builder topP(double topP) {
            this.topP = topP;
            return this;
        }

        public Builder minP(double minP) {
            this.minP = minP;
            return this;
        }

        public Builder typicalP(double typicalP) {
            this.typicalP = typicalP;
            return this;
        }

        public Builder repetitionPenalty(double repetitionPenalty) {
            this.repetitionPenalty = repetitionPenalty;
            return this;
        }

        public Builder noRepeatNgramSize(int noRepeatNgramSize) {
            this.noRepeatNgramSize = noRepeatNgramSize;
            return this;
        }

        public Builder minNewTokens(int minNewTokens) {
            this.minNewTokens = minNewTokens;
            return this;
        }

        public Builder minLength(int minLength) {
            this.minLength = minLength;
            return this;
        }

        public Builder maxNewTokens(int maxNewTokens) {
            this.maxNewTokens = OptionalInt.of(maxNewTokens);
            return this;
        }

        public Builder maxLength(int maxLength) {
            this.maxLength = OptionalInt.of(maxLength);
            return this;
        }

        /** Replaces the stop token ids (those from the checkpoint included). */
        public Builder stopTokenIds(Collection<Integer> ids) {
            stopTokenIds.clear();
            stopTokenIds.addAll(ids);
            return this;
        }

        /** Adds stop token ids to those so far (e.g. a chat model's end-of-turn token to its EOS). */
        public Builder addStopTokenIds(Collection<Integer> ids) {
            stopTokenIds.addAll(ids);
            return this;
        }

        public Builder stopStrings(List<String> strings) {
            stopStrings.clear();
            stopStrings.addAll(strings);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder numReturnSequences(int numReturnSequences) {
            this.numReturnSequences = numReturnSequences;
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException naming the setting (by its Hugging Face name) when a value is invalid
         */
        public SamplingSettings build() {
            return new SamplingSettings(doSample, temperature, topK, topP, minP, typicalP, repetitionPenalty,
                    noRepeatNgramSize, minNewTokens, minLength, maxNewTokens, maxLength, stopTokenIds, stopStrings,
                    seed, numReturnSequences);
        }
    }
}
