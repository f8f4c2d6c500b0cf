package dev.rein.formats.json;

import java.util.function.DoublePredicate;

/**
 * The values a numeric field may hold, and how an error describes them ({@code expected a positive number, found
 * -1.0E-5}): {@link JsonFields}' domain-checked reads take one, so every reader of a file reports an out-of-domain
 * value the same way it reports a malformed one.
 *
 * @param description what the field holds, as an error's "expected ..." says it
 * @param contains    whether a (finite) value is in the domain
 */
public record NumberDomain(String description, DoublePredicate contains) {
    /** Numbers above 0: epsilons, rope thetas and scaling factors, softcaps, penalties. */
    public static final NumberDomain POSITIVE = new NumberDomain("a positive number", value -> value > 0);
    /** Numbers of at least 0: a temperature, an initializer's standard deviation. */
    public static final NumberDomain NON_NEGATIVE = new NumberDomain("a number of at least 0", value -> value >= 0);
    /** Probabilities and shares, [0, 1]: dropouts, min_p. */
    public static final NumberDomain PROBABILITY = new NumberDomain("a number in [0, 1]",
            value -> value >= 0 && value <= 1);
    /** A probability mass kept, (0, 1]: top_p, typical_p. */
    public static final NumberDomain MASS = new NumberDomain("a number in (0, 1]", value -> value > 0 && value <= 1);
}
