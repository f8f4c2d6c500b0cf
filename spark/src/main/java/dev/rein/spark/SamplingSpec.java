package dev.rein.spark;

import dev.rein.models.generation.SamplingSettings;
import java.io.Serializable;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A job's {@link SamplingSettings} in the form Spark ships to executors (Java serialization, which the settings'
 * OptionalInts refuse); {@code jobSeed} is the settings' seed, from which each row's own derives ({@link RowSeeds}).
 */
public record SamplingSpec(boolean doSample, double temperature, int topK, double topP, double minP, double typicalP,
                           double repetitionPenalty, int noRepeatNgramSize, int minNewTokens, int minLength,
                           Integer maxNewTokens, Integer maxLength, Set<Integer> stopTokenIds,
                           List<String> stopStrings, long jobSeed, int numReturnSequences) implements Serializable {

    public SamplingSpec {
        stopTokenIds = Set.copyOf(stopTokenIds);
        stopStrings = List.copyOf(stopStrings);
    }

    /** The settings of a job; their seed becomes the job's seed. */
    public static SamplingSpec of(SamplingSettings s) {
        return new SamplingSpec(s.doSample(), s.temperature(), s.topK(), s.topP(), s.minP(), s.typicalP(),
                s.repetitionPenalty(), s.noRepeatNgramSize(), s.minNewTokens(), s.minLength(),
                s.maxNewTokens().isPresent() ? s.maxNewTokens().getAsInt() : null,
                s.maxLength().isPresent() ? s.maxLength().getAsInt() : null,
                s.stopTokenIds(), s.stopStrings(), s.seed(), s.numReturnSequences());
    }

    /** The job's settings with {@code seed} as their seed: one row's. */
    public SamplingSettings withSeed(long seed) {
        return new SamplingSettings(doSample, temperature, topK, topP, minP, typicalP, repetitionPenalty,
                noRepeatNgramSize, minNewTokens, minLength,
                maxNewTokens == null ? OptionalInt.empty() : OptionalInt.of(maxNewTokens),
                maxLength == null ? OptionalInt.empty() : OptionalInt.of(maxLength),
                stopTokenIds, stopStrings, seed, numReturnSequences);
    }

    /** The job's settings as given, the job seed as their seed. */
    public SamplingSettings settings() {
        return withSeed(jobSeed);
    }
}
