package dev.rein.models.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class LogitsPipelineTest {
    private static final float INF = Float.NEGATIVE_INFINITY;
    /** The float32 logs of probabilities 0.1, 0.2, 0.3 and 0.4. */
    private static final float[] LOGITS = {-2.3025851249694824f, -1.6094379425048828f, -1.2039728164672852f,
            -0.9162907004356384f};

    private static SamplingSettings.Builder settings() {
        return SamplingSettings.builder().seed(1234);
    }

    @Test
    void appliesHuggingFacesOrderWithTheCallersProcessorsBeforeTheWarpers() {
        LogitsProcessor mine = (history, logits) -> { };
        SamplingSettings everything = settings().sample().temperature(0.7).topK(40).topP(0.9).minP(0.05)
                .typicalP(0.95).repetitionPenalty(1.1).noRepeatNgramSize(3).minNewTokens(2).minLength(9)
                .stopTokenIds(List.of(2)).build();
        List<LogitsProcessor> expected = List.of(new RepetitionPenalty(1.1f), new NoRepeatNGram(3),
                MinLength.newTokens(2, Set.of(2)), mine, new Temperature(0.7f), new TopK(40), new TopP(0.9),
                new MinP(0.05), new TypicalP(0.95));
        assertEquals(expected, LogitsPipeline.of(everything, List.of(mine)).processors());
    }

    @Test
    void neutralValuesAddNoProcessorAndGreedyDecodingNoWarper() {
        SamplingSettings greedy = settings().temperature(0.7).topK(40).topP(0.9).minLength(9).build();
        assertEquals(List.of(), LogitsPipeline.of(greedy).processors()); // min_length without stop tokens is moot
        SamplingSettings plain = settings().sample().topK(0).stopTokenIds(List.of(2)).minLength(9).build();
        assertEquals(List.of(MinLength.totalTokens(9, Set.of(2))), LogitsPipeline.of(plain).processors());
        assertTrue(LogitsPipeline.of(plain).samples());
        assertFalse(LogitsPipeline.of(settings().sample().temperature(0).build()).samples());
    }

    @Test
    void theCallersProcessorSeesPenalisedButUnwarpedLogits() {
        List<float[]> seen = new ArrayList<>();
        LogitsProcessor recorder = (history, logits) -> seen.add(logits.clone());
        SamplingSettings sampling = settings().sample().temperature(0.5).topK(0).repetitionPenalty(2).build();
        float[] logits = {1, 4, -2};
        LogitsPipeline.of(sampling, List.of(recorder)).next(Histories.prompt(0, 2), logits, RowRandom.forRow(1, 0));
        assertArrayEquals(new float[] {0.5f, 4, -4}, seen.getFirst());
        assertArrayEquals(new float[] {1, 8, -8}, logits);
    }

    @Test
    void greedyDecodingTakesTheBestProcessedToken() {
        SamplingSettings greedy = settings().noRepeatNgramSize(1).build();
        float[] logits = {0, 9, 3, 3};
        assertEquals(2, LogitsPipeline.of(greedy).next(Histories.prompt(1), logits, null));
    }

    @Test
    void theSameSeedDrawsTheSameTokens() {
        LogitsPipeline pipeline = LogitsPipeline.of(settings().sample().topK(0).build());
        assertArrayEquals(new int[] {3, 3, 0, 1, 2, 3, 3, 3, 3, 3, 1, 2, 2, 2, 3, 3}, draws(pipeline, 1234, 0, 16));
        assertArrayEquals(new int[] {3, 3, 2, 3, 3, 2, 3, 1, 1, 3, 1, 3, 0, 3, 3, 3}, draws(pipeline, 1234, 1, 16));
        assertArrayEquals(draws(pipeline, 99, 0, 50), draws(pipeline, 99, 0, 50));
    }

    /**
     * 40,000 draws from probabilities 0.1, 0.2, 0.3, 0.4 (a fixed seed, so the outcome never changes): the
     * chi-square statistic with 3 degrees of freedom stays below 16.27, its 0.1% critical value.
     */
    @Test
    void drawsFollowTheSoftmaxDistribution() {
        int n = 40_000;
        int[] counts = new int[4];
        for (int id : draws(LogitsPipeline.of(settings().sample().topK(0).build()), 2024, 0, n)) counts[id]++;
        double[] probabilities = {0.1, 0.2, 0.3, 0.4};
        double chiSquare = 0;
        for (int id = 0; id < 4; id++) {
            double expected = n * probabilities[id];
            chiSquare += (counts[id] - expected) * (counts[id] - expected) / expected;
        }
        double statistic = chiSquare;
        assertTrue(statistic < 16.27, () -> "chi-square " + statistic + " of counts " + Arrays.toString(counts));
    }

    @Test
    void warpersNarrowWhatCanBeDrawn() {
        // top_k 2 leaves ids 2 and 3 (0.3 : 0.4); a temperature of 0.5 squares the odds to 9 : 16.
        LogitsPipeline pipeline = LogitsPipeline.of(settings().sample().topK(2).temperature(0.5).build());
        int n = 25_000;
        int[] counts = new int[4];
        for (int id : draws(pipeline, 5, 0, n)) counts[id]++;
        assertEquals(0, counts[0] + counts[1]);
        double expectedThree = n * 16.0 / 25;
        double z = (counts[3] - expectedThree) / Math.sqrt(n * (16.0 / 25) * (9.0 / 25));
        assertTrue(Math.abs(z) < 4, () -> "id 3 drawn " + counts[3] + " times, expected about " + expectedThree);
    }

    private static int[] draws(LogitsPipeline pipeline, long seed, int row, int count) {
        RandomGenerator random = RowRandom.forRow(seed, row);
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) ids[i] = pipeline.next(Histories.EMPTY, LOGITS.clone(), random);
        return ids;
    }
}
