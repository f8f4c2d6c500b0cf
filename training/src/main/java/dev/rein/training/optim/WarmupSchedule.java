package dev.rein.training.optim;

/**
 * A linear warmup from 0 over {@code warmupSteps} updates, then a constant, linear or cosine decay, matching
 * Hugging Face's {@code get_constant_schedule_with_warmup}, {@code get_linear_schedule_with_warmup},
 * {@code get_cosine_schedule_with_warmup} and, with {@code minRatio}, {@code get_cosine_with_min_lr_schedule_with_warmup}
 * (LLaMA-Adapter's half-cycle cosine to a minimum learning rate is the same curve). With a {@code minRatio} the
 * decay ends at that fraction of the base rate instead of 0 ({@code min + (1 − min)·decay}); 0 gives Hugging
 * Face's curves exactly, also past {@code totalSteps}. Made by {@link LearningRateSchedules}.
 *
 * @param totalSteps updates over which the decay runs (the warmup included); ignored by {@link Decay#CONSTANT}
 */
public record WarmupSchedule(Decay decay, long warmupSteps, long totalSteps, double minRatio)
        implements LearningRateSchedule {

    /** What follows the warmup. */
    public enum Decay {
        /** The base rate throughout. */
        CONSTANT,
        /** Straight down to the minimum at {@code totalSteps}. */
        LINEAR,
        /** Half a cosine period down to the minimum at {@code totalSteps}. */
        COSINE
    }

    public WarmupSchedule {
        if (decay == null) {
            throw new IllegalArgumentException("learning-rate schedule: decay is missing");
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("learning-rate schedule: warmup steps must be >= 0, got " + warmupSteps);
        }
        if (decay != Decay.CONSTANT && (totalSteps <= 0 || warmupSteps > totalSteps)) {
            throw new IllegalArgumentException("learning-rate schedule: " + decay.name().toLowerCase()
                    + " decay needs total steps > 0 and at least the " + warmupSteps + " warmup steps, got "
                    + totalSteps);
        }
        if (!(minRatio >= 0 && minRatio <= 1)) {
            throw new IllegalArgumentException("learning-rate schedule: minimum ratio must be in [0, 1], got " + minRatio);
        }
        if (decay == Decay.CONSTANT && minRatio != 0) {
            throw new IllegalArgumentException("learning-rate schedule: a constant schedule has no minimum ratio");
        }
    }

    @Override
    public double factor(long step) {
        if (step < warmupSteps) {
            return (double) step / Math.max(1, warmupSteps);
        }
        double afterWarmup = Math.max(1, totalSteps - warmupSteps);
        double decayed = switch (decay) {
            case CONSTANT -> 1;
            case LINEAR -> Math.max(0, (totalSteps - step) / afterWarmup);
            case COSINE -> 0.5 * (1 + Math.cos(Math.PI * ((step - warmupSteps) / afterWarmup)));
        };
        return Math.max(0, decayed * (1 - minRatio) + minRatio);
    }
}
