package dev.rein.text.tokenizer;

import java.util.Map;

/**
 * The names llama.cpp gives tokenizers in GGUF metadata, shared by {@link GgufTokenizer} (reading) and
 * {@link GgufVocabulary} (writing): token types ({@code tokenizer.ggml.token_type}) and the pre-tokenizers of
 * byte-level BPE vocabularies ({@code tokenizer.ggml.pre}) with the split pattern of each, as in the Hugging Face
 * tokenizer.json of the models they come from.
 */
final class LlamaCppVocabulary {
    static final int NORMAL = 1;
    static final int UNKNOWN = 2;
    static final int CONTROL = 3;
    static final int USER_DEFINED = 4;
    static final int UNUSED = 5;
    static final int BYTE = 6;

    /** SentencePiece's word-boundary mark. */
    static final String SPACE_MARK = "\u2581";

    /** llama.cpp's name for GPT-2's pattern, which a ByteLevel pre-tokenizer with use_regex applies itself. */
    static final String GPT2 = "gpt-2";
    /** Llama 3's pattern. */
    static final String LLAMA3_PATTERN = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?"
            + "[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    /** Qwen 2's (and Qwen 3's) pattern: Llama 3's with single digits. */
    static final String QWEN2_PATTERN = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?"
            + "[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    /** {@code tokenizer.ggml.pre} values with a split pattern before the byte-level step. */
    static final Map<String, String> SPLIT_PATTERNS = Map.of("llama-bpe", LLAMA3_PATTERN, "llama3", LLAMA3_PATTERN,
            "qwen2", QWEN2_PATTERN);

    private LlamaCppVocabulary() {
    }
}
