package dev.rein.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Schedules against Hugging Face's get_linear_schedule_with_warmup, get_cosine_schedule_with_warmup and
 * get_cosine_with_min_lr_schedule_with_warmup (10 warmup steps of 100; values from optim_fixtures.py), and the
 * spec grammar.
 */
class LearningRateSchedulesTest {
    private static final long[] STEPS = {0, 1, 5, 9, 10, 11, 37, 70, 99, 100, 120};
    private static final double[] HF_LINEAR_10_100 = {0.0, 0.1, 0.5, 0.9, 1.0, 0.9888888888888889, 0.7,
            0.3333333333333333, 0.011111111111111112, 0.0, 0.0};
    private static final double[] HF_COSINE_10_100 = {0.0, 0.1, 0.5, 0.9, 1.0, 0.9996954135095479,
            0.7938926261462366, 0.2500000000000001, 0.00030458649045211894, 0.0, 0.116977778440511};
    private static final double[] HF_COSINE_MIN_10_100_01 = {0.0, 0.1, 0.5, 0.9, 1.0, 0.9997258721585931,
            0.8145033635316129, 0.3250000000000001, 0.10027412784140691, 0.1, 0.2052800005964599};
    private static final double EXACT = 1e-15;

    @Test
    void linearMatchesHuggingFace() {
        assertFactors(HF_LINEAR_10_100, LearningRateSchedules.linear(10, 100));
        assertFactors(HF_LINEAR_10_100, LearningRateSchedules.parse("linear:warmup=10", 100));
        assertFactors(HF_LINEAR_10_100, LearningRateSchedules.parse("linear:warmup=0.1", 100));
    }

    @Test
    void cosineMatchesHuggingFace() {
        assertFactors(HF_COSINE_10_100, LearningRateSchedules.cosine(10, 100));
        assertFactors(HF_COSINE_10_100, LearningRateSchedules.parse(" Cosine : warmup = 10 ", 100));
    }

    @Test
    void cosineToAMinimumMatchesHuggingFace() {
        assertFactors(HF_COSINE_MIN_10_100_01, LearningRateSchedules.cosine(10, 100, 0.1));
        assertFactors(HF_COSINE_MIN_10_100_01, LearningRateSchedules.parse("cosine:warmup=10,min=0.1", 100));
    }

    @Test
    void linearToAMinimumEndsThere() {
        LearningRateSchedule schedule = LearningRateSchedules.parse("linear:min=0.2", 10);
        assertEquals(1.0, schedule.factor(0), EXACT);
        assertEquals(0.6, schedule.factor(5), EXACT);
        assertEquals(0.2, schedule.factor(10), EXACT);
        assertEquals(0.2, schedule.factor(50), EXACT);
    }

    @Test
    void constantWithAndWithoutWarmup() {
        assertEquals(1.0, LearningRateSchedules.parse("constant", 0).factor(0));
        assertEquals(1.0, LearningRateSchedules.constant().factor(1_000_000));
        LearningRateSchedule warm = LearningRateSchedules.parse("constant:warmup=4", 0);
        assertEquals(0.0, warm.factor(0));
        assertEquals(0.75, warm.factor(3));
        assertEquals(1.0, warm.factor(4));
    }

    @Test
    void warmupRatioRoundsUpAsTheTrainer() {
        assertEquals(31, LearningRateSchedules.warmupSteps(0.03, 1001));
        assertEquals(new WarmupSchedule(WarmupSchedule.Decay.COSINE, 31, 1001, 0),
                LearningRateSchedules.parse("cosine:warmup=0.03", 1001));
        assertEquals(new WarmupSchedule(WarmupSchedule.Decay.LINEAR, 1, 10, 0),
                LearningRateSchedules.parse("linear:warmup=1", 10));
        assertEquals(new WarmupSchedule(WarmupSchedule.Decay.LINEAR, 10, 10, 0),
                LearningRateSchedules.parse("linear:warmup=1.0", 10));
    }

    @Test
    void badSpecsAreExplained() {
        assertBad("triangle", "unknown kind 'triangle'");
        assertBad("cosine:warmup", "not key=value");
        assertBad("cosine:warmup=abc", "warmup=abc is not a number");
        assertBad("cosine:warmup=1.5", "neither a whole number of steps nor a ratio");
        assertBad("cosine:warmup=-3", "neither a whole number of steps nor a ratio");
        assertBad("cosine:warmup=500", "at least the 500 warmup steps");
        assertBad("cosine:min=2", "minimum ratio must be in [0, 1]");
        assertBad("cosine:cycles=2", "unknown option cycles");
        assertBad("cosine:warmup=1,warmup=2", "given twice");
        assertBad("constant:min=0.1", "no minimum ratio");
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedules.parse("linear", 0));
    }

    private static void assertBad(String spec, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedules.parse(spec, 100));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(spec), e.getMessage());
    }

    private static void assertFactors(double[] expected, LearningRateSchedule schedule) {
        for (int i = 0; i < STEPS.length; i++) {
            assertEquals(expected[i], schedule.factor(STEPS[i]), EXACT, "factor at step " + STEPS[i]);
        }
    }
}
