package dev.rein.data.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A seeded held-out split that keeps file order in both parts. */
class HeldOutTest {
    @Test
    void holdsOutTheRoundedFractionSeeded() {
        List<Integer> documents = IntStream.range(0, 20).boxed().toList();
        HeldOut<Integer> split = HeldOut.split(documents, 0.25, 3);
        assertEquals(5, split.heldOut().size());
        assertEquals(15, split.train().size());
        List<Integer> all = new ArrayList<>(split.train());
        all.addAll(split.heldOut());
        assertEquals(documents, all.stream().sorted().toList());
        assertEquals(split.heldOut().stream().sorted().toList(), split.heldOut(), "file order is kept");
        assertEquals(split, HeldOut.split(documents, 0.25, 3), "the same seed holds out the same documents");
    }

    @Test
    void atLeastOneIsHeldOutAndOneLeftToTrain() {
        assertEquals(1, HeldOut.split(List.of(1, 2, 3), 0.01, 1).heldOut().size());
        assertThrows(IllegalArgumentException.class, () -> HeldOut.split(List.of(1, 2), 0.9, 1));
        assertThrows(IllegalArgumentException.class, () -> HeldOut.split(List.of(1, 2), 0, 1));
    }
}
