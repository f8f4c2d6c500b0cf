package dev.rein.models.generation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Turns one row's next-token logits into the next token: the processors the settings ask for, then the caller's
 * own, then (only when sampling) the warpers, then greedy choice or a draw. The order is Hugging Face's
 * ({@code GenerationMixin._get_logits_processor}):
 * <ol>
 *   <li>{@link RepetitionPenalty} when repetition_penalty is not 1;</li>
 *   <li>{@link NoRepeatNGram} when no_repeat_ngram_size is above 0;</li>
 *   <li>{@link MinLength#newTokens} when min_new_tokens is above 0, else {@link MinLength#totalTokens} when
 *       min_length is (Hugging Face turns min_new_tokens into min_length, so only one applies); both only when
 *       there are stop tokens to forbid;</li>
 *   <li>the caller's processors, in the order given (Hugging Face appends custom processors there too);</li>
 *   <li>when sampling: {@link Temperature} when not 1, {@link TopK} when not 0, {@link TopP} when below 1,
 *       {@link MinP} when above 0, {@link TypicalP} when below 1;</li>
 *   <li>{@link TokenChoice#greedy} or {@link TokenChoice#sample}.</li>
 * </ol>
 * Stateless between calls: one pipeline serves every row of a batch, each row bringing its own history and
 * generator (see {@link RowRandom}).
 */
public final class LogitsPipeline {
    private final List<LogitsProcessor> processors;
    private final boolean samples;

    private LogitsPipeline(List<LogitsProcessor> processors, boolean samples) {
        this.processors = List.copyOf(processors);
        this.samples = samples;
    }

    /** The pipeline of {@code settings} alone. */
    public static LogitsPipeline of(SamplingSettings settings) {
        return of(settings, List.of());
    }

    /** The pipeline of {@code settings} with the caller's processors after the built-in ones, before the warpers. */
    public static LogitsPipeline of(SamplingSettings settings, List<LogitsProcessor> userProcessors) {
        List<LogitsProcessor> processors = new ArrayList<>();
        if (settings.repetitionPenalty() != 1) {
            processors.add(new RepetitionPenalty((float) settings.repetitionPenalty()));
        }
        if (settings.noRepeatNgramSize() > 0) processors.add(new NoRepeatNGram(settings.noRepeatNgramSize()));
        if (!settings.stopTokenIds().isEmpty()) {
            if (settings.minNewTokens() > 0) {
                processors.add(MinLength.newTokens(settings.minNewTokens(), settings.stopTokenIds()));
            } else if (settings.minLength() > 0) {
                processors.add(MinLength.totalTokens(settings.minLength(), settings.stopTokenIds()));
            }
        }
        processors.addAll(userProcessors);
        if (settings.samples()) {
            if (settings.temperature() != 1) processors.add(new Temperature((float) settings.temperature()));
            if (settings.topK() != 0) processors.add(new TopK(settings.topK()));
            if (settings.topP() < 1) processors.add(new TopP(settings.topP()));
            if (settings.minP() > 0) processors.add(new MinP(settings.minP()));
            if (settings.typicalP() < 1) processors.add(new TypicalP(settings.typicalP()));
        }
        return new LogitsPipeline(processors, settings.samples());
    }

    /** Every processor in the order applied, warpers included when sampling. */
    public List<LogitsProcessor> processors() {
        return processors;
    }

    /** Whether {@link #next} draws at random (else it takes the most likely token). */
    public boolean samples() {
        return samples;
    }

    /**
     * Processes {@code logits} in place and chooses the next token.
     *
     * @param history the row's prompt and generated tokens so far
     * @param logits  the row's next-token logits, one per vocabulary id; overwritten
     * @param random  the row's own generator; unused (and may be null) when not sampling
     * @throws IllegalStateException when a logit is NaN or the processors forbade every token
     */
    public int next(TokenHistory history, float[] logits, RandomGenerator random) {
        for (LogitsProcessor processor : processors) processor.process(history, logits);
        if (!samples) return TokenChoice.greedy(logits);
        return TokenChoice.sample(logits, Objects.requireNonNull(random, "sampling needs the row's generator"));
    }
}
