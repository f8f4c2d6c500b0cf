package dev.rein.steering.ctrl;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The names of this package's options on the command line and in reports: an enum constant's name in lower case with
 * {@code -} for {@code _} ({@code AFTER_PROMPT} is {@code after-prompt}), and the constant a user names.
 */
final class EnumLabels {
    private EnumLabels() {
    }

    /** {@code value}'s name: lower case, words joined by {@code -}. */
    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant of {@code type} whose {@link #label} is {@code name} (surrounding spaces ignored).
     *
     * @param what what the constants are, for the message ({@code "condition"})
     * @throws IllegalArgumentException naming the accepted names
     */
    static <E extends Enum<E>> E parse(Class<E> type, String name, String what) {
        for (E value : type.getEnumConstants()) {
            if (label(value).equals(name.strip())) return value;
        }
        throw new IllegalArgumentException("unknown " + what + " \"" + name + "\"; expected one of "
                + Arrays.stream(type.getEnumConstants()).map(EnumLabels::label).collect(Collectors.joining(", ")));
    }
}
