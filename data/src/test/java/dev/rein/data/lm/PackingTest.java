package dev.rein.data.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Documents joined with EOS and cut into equal blocks, labels travelling with their tokens. */
class PackingTest {
    private static final int EOS = 0;
    private static final int I = -100;

    @Test
    void documentsAreJoinedWithEosAndCutIntoBlocksDroppingTheTail() {
        List<LmExample> blocks = Packing.pack(List.of(LmExample.plain(new int[] {1, 2, 3}),
                LmExample.plain(new int[] {4, 5}), LmExample.plain(new int[] {6, 7, 8, 9})), EOS, 4);
        // stream: 1 2 3 EOS 4 5 EOS 6 7 8 9 EOS -> three blocks of 4, nothing left over
        assertEquals(List.of(LmExample.plain(new int[] {1, 2, 3, EOS}), LmExample.plain(new int[] {4, 5, EOS, 6}),
                LmExample.plain(new int[] {7, 8, 9, EOS})), blocks);

        assertEquals(List.of(LmExample.plain(new int[] {1, 2, 3, EOS, 4})),
                Packing.pack(List.of(LmExample.plain(new int[] {1, 2, 3}), LmExample.plain(new int[] {4, 5})),
                        EOS, 5), "the incomplete tail is dropped");
    }

    @Test
    void maskedLabelsStayMaskedAndTheSeparatorIsLearned() {
        List<LmExample> blocks = Packing.pack(List.of(new LmExample(new int[] {1, 2, 3}, new int[] {I, I, 3}),
                new LmExample(new int[] {4, 5}, new int[] {I, 5})), EOS, 3);
        assertEquals(List.of(new LmExample(new int[] {1, 2, 3}, new int[] {I, I, 3}),
                new LmExample(new int[] {EOS, 4, 5}, new int[] {EOS, I, 5})), blocks);
    }

    @Test
    void anEosAlreadyThereIsNotDoubled() {
        // a tokenizer whose BOS is its EOS starts every document with it; one ending with it needs none either
        List<LmExample> blocks = Packing.pack(List.of(LmExample.plain(new int[] {EOS, 1, 2}),
                LmExample.plain(new int[] {EOS, 3}), LmExample.plain(new int[] {4, EOS}),
                LmExample.plain(new int[] {5})), EOS, 9);
        // stream: EOS 1 2 | EOS 3 EOS | 4 EOS | 5 EOS
        assertEquals(List.of(LmExample.plain(new int[] {EOS, 1, 2, EOS, 3, EOS, 4, EOS, 5})), blocks);
    }

    @Test
    void blocksNeedTwoTokens() {
        assertThrows(IllegalArgumentException.class, () -> Packing.pack(List.of(), EOS, 1));
    }
}
