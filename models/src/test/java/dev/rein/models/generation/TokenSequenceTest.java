package dev.rein.models.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TokenSequenceTest {

    @Test
    void promptComesFirstAndGeneratedTokensAreCountedApart() {
        int[] prompt = {7, 8, 9};
        TokenSequence sequence = new TokenSequence(prompt);
        prompt[0] = 99; // the sequence keeps its own copy
        for (int id = 0; id < 40; id++) sequence.append(id); // grows past its first capacity
        assertEquals(43, sequence.length());
        assertEquals(3, sequence.promptLength());
        assertEquals(40, sequence.generated());
        assertEquals(7, sequence.get(0));
        assertEquals(39, sequence.get(42));
        assertArrayEquals(new int[] {7, 8, 9, 0, 1}, Arrays.copyOf(sequence.toArray(), 5));
        assertEquals(40, sequence.generatedIds().length);
        assertEquals(0, sequence.generatedIds()[0]);
    }

    @Test
    void rejectsNegativeIdsAndIndicesOutside() {
        TokenSequence sequence = new TokenSequence(new int[] {1});
        assertThrows(IllegalArgumentException.class, () -> sequence.append(-1));
        assertThrows(IllegalArgumentException.class, () -> new TokenSequence(new int[] {-3}));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> sequence.get(1));
        assertEquals("token index 1 is outside 0..0", outside.getMessage());
    }
}
