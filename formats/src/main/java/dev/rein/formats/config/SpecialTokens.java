package dev.rein.formats.config;

import dev.rein.formats.json.JsonFields;
import java.util.List;

/**
 * Begin-of-sequence, end-of-sequence and padding token ids as config.json or generation_config.json give them.
 * Hugging Face allows each to be one id, a list of ids (several tokens end a turn, e.g. Llama 3's
 * {@code [128001, 128008, 128009]}) or null; here each is a list, empty when unset.
 */
public record SpecialTokens(List<Integer> bos, List<Integer> eos, List<Integer> pad) {
    /** No special tokens set. */
    public static final SpecialTokens NONE = new SpecialTokens(List.of(), List.of(), List.of());

    public SpecialTokens {
        bos = List.copyOf(bos);
        eos = List.copyOf(eos);
        pad = List.copyOf(pad);
    }

    /**
     * Reads {@code bos_token_id}, {@code eos_token_id} and {@code pad_token_id}; each absent one takes its value in
     * {@code defaults}.
     */
    static SpecialTokens read(JsonFields fields, SpecialTokens defaults) {
        return new SpecialTokens(
                fields.tokenIds("bos_token_id", defaults.bos),
                fields.tokenIds("eos_token_id", defaults.eos),
                fields.tokenIds("pad_token_id", defaults.pad));
    }

    /**
     * Reads the ids as {@link #read(JsonFields, SpecialTokens)} does, from a config.json whose vocabulary is known:
     * an id given must be below {@code vocabSize}, unless it is the family's Hugging Face default
     * ({@code familyDefaults}), which transformers writes into every config it saves whatever the vocabulary
     * (GPT2Config's 50256 in a 53-token model); such an id is kept as written and never looked up.
     */
    static SpecialTokens read(JsonFields fields, SpecialTokens defaults, int vocabSize, SpecialTokens familyDefaults) {
        SpecialTokens tokens = read(fields, defaults);
        requireInVocabulary(fields, "bos_token_id", tokens.bos, vocabSize, familyDefaults.bos);
        requireInVocabulary(fields, "eos_token_id", tokens.eos, vocabSize, familyDefaults.eos);
        requireInVocabulary(fields, "pad_token_id", tokens.pad, vocabSize, familyDefaults.pad);
        return tokens;
    }

    private static void requireInVocabulary(JsonFields fields, String name, List<Integer> ids, int vocabSize,
                                            List<Integer> familyDefault) {
        if (!fields.containsKey(name)) return;
        for (int id : ids) {
            if (id >= vocabSize && !familyDefault.contains(id)) {
                throw fields.error(name, "expected token ids below vocab_size " + vocabSize + ", found " + id);
            }
        }
    }
}
