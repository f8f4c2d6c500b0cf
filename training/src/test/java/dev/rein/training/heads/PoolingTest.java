package dev.rein.training.heads;

import static dev.rein.training.adapters.TinyModels.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.autograd.Gradcheck;
import dev.rein.autograd.Variable;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Pooling [B, T, H] -> [B, H] at a token, at the last real position, and as a masked mean. */
class PoolingTest {
    private static final int END = 7;

    /**
     * Two rows of five positions: row 0 is left-padded by one and holds END at 2 and 3; row 1 is right-padded by
     * two, holds END at 1, and a padded END at 4 that must not count.
     */
    static TokenBatch batch() {
        long[] ids = {0, 5, END, END, 9, 4, END, 6, 0, END};
        long[] positions = {0, 0, 1, 2, 3, 0, 1, 2, 3, 4};
        boolean[][] padding = {{true, false, false, false, false}, {false, false, false, true, true}};
        return new TokenBatch(Tensor.ofLongs(ids, 2, 5), Tensor.ofLongs(positions, 2, 5), padding);
    }

    static Tensor hidden() {
        return new TensorRandom(1).normal(0f, 1f, 2, 5, 3);
    }

    @Test
    void lastTokenTakesTheLastRealOccurrenceOfEachRow() {
        Tensor h = hidden();
        Tensor pooled = new Pooling.LastToken(END).pool(Variable.constant(h), batch()).value();
        assertEquals(0f, maxAbsDiff(h.select(0, 0).select(0, 3), pooled.select(0, 0)));
        assertEquals(0f, maxAbsDiff(h.select(0, 1).select(0, 1), pooled.select(0, 1)));
    }

    @Test
    void aRowWithoutTheTokenIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Pooling.LastToken(9).pool(Variable.constant(hidden()), batch()));
        assertTrue(e.getMessage().contains("row 1 holds no token 9"), e.getMessage());
    }

    @Test
    void lastRealTakesEachRowsLastUnpaddedPosition() {
        Tensor h = hidden();
        Tensor pooled = new Pooling.LastReal().pool(Variable.constant(h), batch()).value();
        assertEquals(0f, maxAbsDiff(h.select(0, 0).select(0, 4), pooled.select(0, 0)));
        assertEquals(0f, maxAbsDiff(h.select(0, 1).select(0, 2), pooled.select(0, 1)));
        Tensor unpadded = new Pooling.LastReal().pool(Variable.constant(h.narrow(0, 0, 1)), TokenBatch.of(1, 2, 3, 4, 5))
                .value();
        assertEquals(0f, maxAbsDiff(h.select(0, 0).select(0, 4), unpadded.select(0, 0)));
    }

    @Test
    void meanAveragesTheUnpaddedPositions() {
        Tensor h = hidden();
        Tensor pooled = new Pooling.Mean().pool(Variable.constant(h), batch()).value();
        Tensor row0 = h.select(0, 0).narrow(0, 1, 4).mean(0);
        Tensor row1 = h.select(0, 1).narrow(0, 0, 3).mean(0);
        assertTrue(maxAbsDiff(row0, pooled.select(0, 0)) < 1e-6f);
        assertTrue(maxAbsDiff(row1, pooled.select(0, 1)) < 1e-6f);
    }

    @Test
    void everyPoolingPassesGradcheck() {
        for (Pooling pooling : new Pooling[] {new Pooling.LastToken(END), new Pooling.LastReal(), new Pooling.Mean()}) {
            Gradcheck.check(pooling.toString(), v -> pooling.pool(v.get(0), batch()), hidden());
        }
    }

    @Test
    void mismatchedShapesAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Pooling.Mean().pool(Variable.constant(Tensor.zeros(2, 4, 3)), batch()));
        assertTrue(e.getMessage().contains("[2, 5, H]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Pooling.LastToken(-1));
    }
}
