package dev.rein.text.tokenizer;

/**
 * A token matched in the raw text before the model runs ({@code added_tokens} of tokenizer.json): control
 * tokens such as {@code <|im_start|>}, and any token a user added. It is never split.
 *
 * @param id         its id
 * @param content    the text it matches
 * @param special    whether it is a control token (skipped by {@code decode(ids, true)}, kept as text when
 *                   special-token matching is off)
 * @param normalized whether it is matched in the normalized text (else in the raw text)
 * @param leftStrip  whether it swallows the whitespace before it
 * @param rightStrip whether it swallows the whitespace after it
 * @param singleWord whether it only matches when not inside a word
 */
record AddedToken(int id, String content, boolean special, boolean normalized, boolean leftStrip,
                  boolean rightStrip, boolean singleWord) {

    /** A special token as {@code addSpecialTokens} creates it: matched in raw text, no stripping. */
    static AddedToken special(int id, String content) {
        return new AddedToken(id, content, true, false, false, false, false);
    }
}
