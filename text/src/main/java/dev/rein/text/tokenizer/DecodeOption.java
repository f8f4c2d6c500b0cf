package dev.rein.text.tokenizer;

/** How {@link Tokenizer#decode} departs from Hugging Face's default, which keeps special tokens in the text. */
public enum DecodeOption {
    /** Leave out special tokens (BOS, EOS, {@code <|im_start|>}...), as {@code skip_special_tokens=True}. */
    SKIP_SPECIAL_TOKENS
}
