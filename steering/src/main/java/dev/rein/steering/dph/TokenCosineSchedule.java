package dev.rein.steering.dph;

import dev.rein.training.optim.WarmupSchedule;
import java.util.Locale;

/**
 * DPH's learning-rate schedule (METHODS.md 3.2): a linear warmup over the first {@code warmupSteps} updates, then a
 * cosine decay measured in tokens read, from the full rate at no tokens down to {@code cooldownRatio} of it at
 * {@code cooldownTokens}, and that floor after. The cosine is {@link WarmupSchedule}'s, over tokens instead of
 * steps.
 */
public record TokenCosineSchedule(long warmupSteps, long cooldownTokens, double cooldownRatio) {
    /** @throws IllegalArgumentException naming the setting that is out of range */
    public TokenCosineSchedule {
        if (warmupSteps < 0 || cooldownTokens < 1) {
            throw new IllegalArgumentException("warmup steps must be >= 0 and cooldown tokens >= 1, got "
                    + warmupSteps + " and " + cooldownTokens);
        }
        new WarmupSchedule(WarmupSchedule.Decay.COSINE, 0, cooldownTokens, cooldownRatio);
    }

    /** The factor of the base rate for update {@code step} (0-based), after {@code tokens} tokens were read. */
    public double factor(long step, long tokens) {
        if (step < warmupSteps) return (double) step / warmupSteps;
        return new WarmupSchedule(WarmupSchedule.Decay.COSINE, 0, cooldownTokens, cooldownRatio)
                .factor(Math.min(tokens, cooldownTokens));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "linear warmup over %d steps, then cosine over %d tokens to %.3g of the rate",
                warmupSteps, cooldownTokens, cooldownRatio);
    }
}
