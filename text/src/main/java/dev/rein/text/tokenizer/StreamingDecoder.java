package dev.rein.text.tokenizer;

import java.util.Arrays;

/**
 * Decodes generated ids one at a time into text that is safe to print at once. A token that ends inside a
 * UTF-8 character (byte-level and byte-fallback tokens can) prints nothing until the character is complete,
 * and the decoders' first-token rules (Metaspace and Strip remove the leading space of the text) apply once,
 * as in a full decode: the concatenation of everything {@link #push} and {@link #finish} return equals
 * {@code tokenizer.decode(allIds, skipSpecialTokens)}.
 *
 * <p>With a ByteFallback decoder (Llama 2, Gemma) a run of byte tokens prints when the next ordinary token
 * arrives: Hugging Face decodes the run as a whole and turns all of it into U+FFFD when any byte is invalid,
 * so even a complete character of the run could still change.
 *
 * <p>Works like Hugging Face's {@code DecodeStream}: it decodes a small window of recent ids and prints what
 * the newest ids added to the text of the older ones (the window's prefix). Not thread-safe; one per
 * generation.
 */
public final class StreamingDecoder {
    private static final char REPLACEMENT = '\uFFFD';

    private final Tokenizer tokenizer;
    private final boolean skipSpecialTokens;
    private int[] window = new int[16];
    private int size;
    private int prefixLength;
    private String prefixText = "";
    private boolean lastPieceMayChange;

    StreamingDecoder(Tokenizer tokenizer, boolean skipSpecialTokens) {
        this.tokenizer = tokenizer;
        this.skipSpecialTokens = skipSpecialTokens;
    }

    /**
     * Adds the next id; returns the text it completes (often the token's text, sometimes empty while a
     * character is incomplete, sometimes the text of several held tokens).
     */
    public String push(int id) {
        if (size == window.length) window = Arrays.copyOf(window, size * 2);
        window[size++] = id;
        String piece = tokenizer.decodedPiece(id, skipSpecialTokens);
        if (piece != null) lastPieceMayChange = tokenizer.mayChangeWhenFollowed(piece);
        if (lastPieceMayChange) return "";
        String text = tokenizer.decode(window, 0, size, skipSpecialTokens);
        if (text.length() <= prefixText.length() || text.charAt(text.length() - 1) == REPLACEMENT) return "";
        String fresh = newText(text);
        // The window now starts with the ids that were new in the previous step: they keep the decoder's
        // first-token rules away from the ids printed now.
        System.arraycopy(window, prefixLength, window, 0, size - prefixLength);
        size -= prefixLength;
        prefixLength = size;
        prefixText = tokenizer.decode(window, 0, size, skipSpecialTokens);
        return fresh;
    }

    /** Returns the text still held back (an incomplete character, as U+FFFD) and starts over. */
    public String finish() {
        String text = tokenizer.decode(window, 0, size, skipSpecialTokens);
        String rest = text.length() > prefixText.length() ? newText(text) : "";
        size = 0;
        prefixLength = 0;
        prefixText = "";
        lastPieceMayChange = false;
        return rest;
    }

    private String newText(String text) {
        if (!text.startsWith(prefixText)) {
            throw new IllegalStateException("the decoder rewrote already printed text \"" + prefixText
                    + "\" into \"" + text + "\"; this tokenizer's decoder cannot be streamed");
        }
        return text.substring(prefixText.length());
    }
}
