package dev.rein.steering.ctrl;

import dev.rein.text.tokenizer.Tokenizer;
import java.util.List;
import java.util.Optional;

/**
 * The special tokens of the control-token method (METHODS.md 2.1): a pad token and five control tokens, added to a
 * tokenizer in the seed's order, so that GPT-2's 50257 tokens become 50263 with {@code [PAD]} = 50257 up to
 * {@code <|neg|>} = 50262. They are special tokens: matched in raw text, never split, skipped when decoding without
 * special tokens.
 */
public final class ControlTokens {
    /** The seed's pad token, masked out of the loss. */
    public static final String PAD = "[PAD]";
    public static final String NONTOXIC = "<|nontoxic|>";
    public static final String TOXIC = "<|toxic|>";
    public static final String POS = "<|pos|>";
    public static final String NEU = "<|neu|>";
    public static final String NEG = "<|neg|>";
    /** Every token, in the order the seed adds them (new ids are given in this order). */
    public static final List<String> ALL = List.of(PAD, NONTOXIC, TOXIC, POS, NEU, NEG);

    private ControlTokens() {
    }

    /**
     * The id of {@code token} in {@code tokenizer}.
     *
     * @param where names the tokenizer in the error, e.g. its folder
     * @throws IllegalArgumentException (one line, naming {@code where} and the token) when the tokenizer lacks the
     *                                  token as a special token
     */
    public static int id(Tokenizer tokenizer, String token, String where) {
        int id = tokenizer.pieceToId(token);
        if (id < 0 || !tokenizer.isSpecial(id)) {
            throw new IllegalArgumentException(where + ": the tokenizer has no control token " + token
                    + " (rein ctrl train adds " + String.join(" ", ALL) + " to the model it trains)");
        }
        return id;
    }

    /** The ids of {@link #ALL} in {@code tokenizer}, in that order; see {@link #id}. */
    public static int[] ids(Tokenizer tokenizer, String where) {
        return ALL.stream().mapToInt(token -> id(tokenizer, token, where)).toArray();
    }

    /** The first of {@link #ALL} that {@code text} holds, if any. */
    public static Optional<String> foundIn(String text) {
        return ALL.stream().filter(text::contains).findFirst();
    }
}
