package dev.rein.training.optim;

import dev.rein.training.optim.WarmupSchedule.Decay;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Makes the {@link LearningRateSchedule}s of Hugging Face's trainer, in code or from a command-line spec.
 *
 * <p>Spec grammar ({@link #parse}):
 * <pre>
 * spec    := kind [ ":" option { "," option } ]
 * kind    := "constant" | "linear" | "cosine"
 * option  := "warmup=" warmup          linear warmup from 0 (default 0)
 *          | "min=" ratio              linear and cosine only: end at this fraction of the base rate (default 0)
 * warmup  := steps                     an integer: that many updates, e.g. warmup=100
 *          | ratio                     a number with a decimal point in [0, 1]: that fraction of the total
 *                                      updates, rounded up as the trainer's warmup_ratio, e.g. warmup=0.03
 * </pre>
 * Examples: {@code constant}, {@code constant:warmup=200}, {@code linear:warmup=0.1}, {@code cosine:warmup=100,min=0.1}.
 */
public final class LearningRateSchedules {
    private LearningRateSchedules() {
    }

    /** The base rate at every step ({@code get_constant_schedule}). */
    public static LearningRateSchedule constant() {
        return constantWithWarmup(0);
    }

    /** Linear warmup, then the base rate ({@code get_constant_schedule_with_warmup}). */
    public static LearningRateSchedule constantWithWarmup(long warmupSteps) {
        return new WarmupSchedule(Decay.CONSTANT, warmupSteps, 0, 0);
    }

    /** Linear warmup, then linear decay to 0 at {@code totalSteps} ({@code get_linear_schedule_with_warmup}). */
    public static LearningRateSchedule linear(long warmupSteps, long totalSteps) {
        return linear(warmupSteps, totalSteps, 0);
    }

    /** Linear warmup, then linear decay to {@code minRatio} of the base rate at {@code totalSteps}. */
    public static LearningRateSchedule linear(long warmupSteps, long totalSteps, double minRatio) {
        return new WarmupSchedule(Decay.LINEAR, warmupSteps, totalSteps, minRatio);
    }

    /** Linear warmup, then half a cosine to 0 at {@code totalSteps} ({@code get_cosine_schedule_with_warmup}). */
    public static LearningRateSchedule cosine(long warmupSteps, long totalSteps) {
        return cosine(warmupSteps, totalSteps, 0);
    }

    /**
     * Linear warmup, then half a cosine to {@code minRatio} of the base rate at {@code totalSteps}
     * ({@code get_cosine_with_min_lr_schedule_with_warmup}; LLaMA-Adapter's schedule with min_lr / lr).
     */
    public static LearningRateSchedule cosine(long warmupSteps, long totalSteps, double minRatio) {
        return new WarmupSchedule(Decay.COSINE, warmupSteps, totalSteps, minRatio);
    }

    /** Warmup steps for a ratio of the total, rounded up as the trainer's {@code warmup_ratio}. */
    public static long warmupSteps(double ratio, long totalSteps) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("warmup ratio must be in [0, 1], got " + ratio);
        }
        if (totalSteps < 0) {
            throw new IllegalArgumentException("total steps must be >= 0, got " + totalSteps);
        }
        return (long) Math.ceil(totalSteps * ratio);
    }

    /** The schedule a spec describes (grammar above), over {@code totalSteps} updates. */
    public static LearningRateSchedule parse(String spec, long totalSteps) {
        String trimmed = spec.strip();
        int colon = trimmed.indexOf(':');
        String kind = (colon < 0 ? trimmed : trimmed.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        Map<String, String> options = options(spec, colon < 0 ? "" : trimmed.substring(colon + 1));
        long warmup = options.containsKey("warmup") ? warmup(spec, options.remove("warmup"), totalSteps) : 0;
        double minRatio = options.containsKey("min") ? number(spec, "min", options.remove("min")) : 0;
        if (!options.isEmpty()) {
            throw bad(spec, "unknown option " + options.keySet().iterator().next() + " (known: warmup, min)");
        }
        Decay decay = switch (kind) {
            case "constant" -> Decay.CONSTANT;
            case "linear" -> Decay.LINEAR;
            case "cosine" -> Decay.COSINE;
            default -> throw bad(spec, "unknown kind '" + kind + "' (known: constant, linear, cosine)");
        };
        try {
            return new WarmupSchedule(decay, warmup, decay == Decay.CONSTANT ? 0 : totalSteps, minRatio);
        } catch (IllegalArgumentException e) {
            throw bad(spec, e.getMessage());
        }
    }

    private static Map<String, String> options(String spec, String text) {
        Map<String, String> options = new LinkedHashMap<>();
        if (text.isBlank()) {
            return options;
        }
        for (String option : text.split(",", -1)) {
            int equals = option.indexOf('=');
            if (equals < 0) {
                throw bad(spec, "option '" + option.strip() + "' is not key=value");
            }
            String key = option.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            if (options.put(key, option.substring(equals + 1).strip()) != null) {
                throw bad(spec, "option " + key + " is given twice");
            }
        }
        return options;
    }

    private static long warmup(String spec, String value, long totalSteps) {
        if (value.matches("\\d+")) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw bad(spec, "warmup " + value + " is too large");
            }
        }
        double ratio = number(spec, "warmup", value);
        if (!(ratio >= 0 && ratio <= 1)) {
            throw bad(spec, "warmup " + value + " is neither a whole number of steps nor a ratio in [0, 1]");
        }
        return warmupSteps(ratio, totalSteps);
    }

    private static double number(String spec, String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw bad(spec, key + "=" + value + " is not a number");
        }
    }

    private static IllegalArgumentException bad(String spec, String problem) {
        return new IllegalArgumentException("learning-rate schedule spec '" + spec + "': " + problem
                + "; expected e.g. constant, cosine:warmup=100, linear:warmup=0.1 or cosine:warmup=0.03,min=0.1");
    }
}
