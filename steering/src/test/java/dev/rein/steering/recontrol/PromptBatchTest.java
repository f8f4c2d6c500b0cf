package dev.rein.steering.recontrol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.tensor.testing.SharedData;
import dev.rein.text.tokenizer.Tokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptBatchTest {
    private static final Tokenizer TOKENIZER = Tokenizer.load(SharedData.path("models/stories260K"));

    @Test
    void promptsAreEncodedInConsecutiveBatches() {
        List<PromptBatch> batches = PromptBatch.split(TOKENIZER, List.of("a", "b", "c"), 2);
        assertEquals(List.of(0, 2), batches.stream().map(PromptBatch::first).toList());
        assertEquals(List.of("c"), batches.get(1).texts());
        assertArrayEquals(TOKENIZER.encode("b"), batches.get(0).ids().get(1));
    }

    @Test
    void noPromptsOrABatchBelowOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PromptBatch.split(TOKENIZER, List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> PromptBatch.split(TOKENIZER, List.of("a"), 0));
    }
}
