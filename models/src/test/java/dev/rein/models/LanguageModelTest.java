package dev.rein.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LanguageModelTest {
    private static final int[] PROMPT = {1, 403, 407, 261, 378, 365, 288, 1, 67, 300, 12};

    @Test
    void theLlama2cFileGivesTheSameLogitsAsTheHuggingFaceCopy() throws IOException {
        try (LanguageModel hf = LanguageModel.load(SharedData.path("models/stories260K"));
             LanguageModel llama2c = LanguageModel.load(SharedData.path("models/llama2c/stories260K.bin"))) {
            float[] expected = hf.transformer().forward(TokenBatch.of(PROMPT)).value().toFloatArray();
            float[] actual = llama2c.transformer().forward(TokenBatch.of(PROMPT)).value().toFloatArray();
            assertArrayEquals(expected, actual, 1e-5f);
            assertTrue(hf.tokenizer().isPresent());
            assertTrue(llama2c.tokenizer().isEmpty());
        }
    }

    @Test
    void aMissingPathIsAFormatErrorNamingIt() {
        Path missing = Path.of("no-such-model");
        FormatException e = assertThrows(FormatException.class, () -> LanguageModel.load(missing));
        assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
    }

    @Test
    void generationDefaultsComeFromTheFolder() throws IOException {
        try (LanguageModel gpt2 = LanguageModel.load(SharedData.path("models/gpt2-capp-tiny"))) {
            assertEquals("gpt2", gpt2.config().modelType());
            assertTrue(gpt2.tokenizer().isEmpty());
            assertEquals(java.util.List.of(51), gpt2.generationConfig().specialTokens().eos());
        }
    }
}
