package dev.rein.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A band of lengths given on the command line as {@code LO-HI} (--unseen, --exclude): whole numbers, LO &lt;= HI. */
record LengthBand(int low, int high) {
    private static final Pattern BAND = Pattern.compile("(\\d{1,9})-(\\d{1,9})");

    /** {@code text}, given as {@code option}; a user error names both when it is not such a band. */
    static LengthBand parse(String option, String text) {
        Matcher m = BAND.matcher(text);
        if (!m.matches() || Integer.parseInt(m.group(1)) > Integer.parseInt(m.group(2))) {
            throw new UserError(option + " " + text + ": expected LO-HI, two whole numbers with LO <= HI");
        }
        return new LengthBand(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Whether {@code length} lies in the band. */
    boolean contains(int length) {
        return length >= low && length <= high;
    }
}
