package dev.rein.text.chat;

import dev.rein.tensor.testing.SharedData;

/** The chat templates of the tokenizers in ../shared, for tests. */
final class RealTemplates {
    private RealTemplates() {
    }

    /** The default template of the tokenizer in {@code ../shared/tokenizers/<model>}. */
    static ChatTemplate load(String model) {
        return ChatTemplateLoader.load(SharedData.path("tokenizers/" + model));
    }
}
