package dev.rein.cli;

import java.util.Arrays;

/**
 * Token ids typed on the command line ({@code 1,403,407}, {@code "1 403 407"} or {@code [1, 403]}), checked against a
 * vocabulary so that a typo ends in one line naming the option and the value instead of a failure deep in a model.
 */
final class TokenIds {
    private TokenIds() {
    }

    /**
     * @param option    the option the ids came from, named in errors (e.g. {@code --ids})
     * @param vocabSize ids must lie in 0..vocabSize-1
     */
    static int[] parse(String option, String text, int vocabSize) {
        return Arrays.stream(text.trim().split("[\\s,\\[\\]]+")).filter(word -> !word.isEmpty())
                .mapToInt(word -> checked(option, parseOne(option, word), vocabSize)).toArray();
    }

    /** @throws UserError naming the option when {@code id} is outside 0..vocabSize-1 */
    static int checked(String option, int id, int vocabSize) {
        if (id < 0 || id >= vocabSize) {
            throw new UserError(option + ": id " + id + " is outside the vocabulary (0.." + (vocabSize - 1) + ")");
        }
        return id;
    }

    private static int parseOne(String option, String word) {
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            throw new UserError(option + ": expected token ids, found \"" + word + "\"");
        }
    }
}
