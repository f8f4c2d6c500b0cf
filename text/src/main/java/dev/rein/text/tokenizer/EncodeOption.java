package dev.rein.text.tokenizer;

/**
 * How {@link Tokenizer#encode} departs from Hugging Face's defaults (special tokens added, special tokens written
 * in the text matched); pass none for the defaults.
 */
public enum EncodeOption {
    /** Leave out the post-processor's tokens (BOS, EOS...), as {@code add_special_tokens=False}. */
    WITHOUT_SPECIAL_TOKENS,
    /**
     * Treat special tokens written in the text ({@code <|im_start|>}) as plain text instead of one id each, as for
     * untrusted user input ({@code split_special_tokens=True}).
     */
    SPECIAL_TOKENS_AS_TEXT
}
