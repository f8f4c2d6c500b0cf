package dev.rein.eval.model;

import dev.rein.models.LanguageModel;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;

/** ../shared/models/stories260K, the tiny LLaMA (hidden size 64, vocabulary 512, BOS added) the tests run. */
final class Stories260K {
    static final String FOLDER = "models/stories260K";

    private Stories260K() {
    }

    /** The model with its tokenizer; close it when done. */
    static LanguageModel load() {
        try {
            return LanguageModel.load(SharedData.path(FOLDER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
