package dev.rein.steering.ctrl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.tensor.testing.SharedData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Continuations of stories260K (a SentencePiece tokenizer, whose decoder drops the leading space of a text's first
 * word): each keeps the space that joins it to its prompt, so that prompt + continuation reads as the model wrote it.
 */
class ModelContinuationsTest {
    @Test
    void aContinuationKeepsTheSpaceAfterItsPrompt() throws Exception {
        try (LanguageModel model = LanguageModel.load(SharedData.path("models/stories260K"))) {
            SamplingSettings greedy = SamplingSettings.builder().greedy().maxNewTokens(6).build();
            List<String> continued = new ModelContinuations(model.transformer(), model.tokenizer(), greedy, 2,
                    done -> { }).of(List.of("Once upon a", "One"));
            assertTrue(continued.get(0).startsWith(" time"), continued.get(0));
            for (String continuation : continued) {
                assertTrue(continuation.matches("(?s) \\p{L}.*"), "a space, then the first word: " + continuation);
            }
        }
    }
}
