package dev.rein.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
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
            // the weights are bit-identical; the results may still differ in the last bits while the JIT moves the
            // kernels from the Vector API's Java fallback (sequential lane sums) to C2's intrinsics (another order)
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-4f * Math.max(1, Math.abs(expected[i])), "logit " + i);
            }
            assertTrue(hf.hasTokenizer());
            assertTrue(!llama2c.hasTokenizer());
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
            assertTrue(!gpt2.hasTokenizer());
            assertEquals(java.util.List.of(51), gpt2.generationConfig().specialTokens().eos());
        }
    }
}
