package dev.rein.training.adapters;

import dev.rein.models.LanguageModel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Base of the adapter tests: the tiny random Llama, Qwen2 and GPT-2 of {@link TinyModels}, loaded once per class. */
abstract class TinyModelTest {
    @TempDir
    static Path folder;
    static LanguageModel llama;
    static LanguageModel qwen2;
    static LanguageModel gpt2;

    @BeforeAll
    static void load() {
        llama = TinyModels.llama(folder);
        qwen2 = TinyModels.qwen2(folder);
        gpt2 = TinyModels.gpt2(folder);
    }

    @AfterAll
    static void close() {
        llama.close();
        qwen2.close();
        gpt2.close();
    }
}
