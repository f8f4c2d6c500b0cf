package dev.rein.data.lm;

import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/** Text documents as training examples: encoded as the tokenizer encodes any text (with the BOS it adds, say). */
public final class LmExamples {
    private LmExamples() {
    }

    /**
     * Every document encoded with the tokenizer's special tokens, labelled whole (plain language modelling) or,
     * with a response template, only after it (see {@link ResponseTemplate}).
     *
     * @param template null for plain language modelling
     */
    public static List<LmExample> fromTexts(List<String> documents, Tokenizer tokenizer, ResponseTemplate template) {
        List<LmExample> examples = new ArrayList<>(documents.size());
        for (String document : documents) {
            int[] ids = tokenizer.encode(document);
            examples.add(template == null ? LmExample.plain(ids) : template.label(ids));
        }
        return examples;
    }

    /** Tokens in all of {@code examples}. */
    public static long tokenCount(List<LmExample> examples) {
        return examples.stream().mapToLong(LmExample::length).sum();
    }
}
