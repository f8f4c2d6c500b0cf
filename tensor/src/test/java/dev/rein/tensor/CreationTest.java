package dev.rein.tensor;

import static dev.rein.tensor.TensorTesting.assertShape;
import static dev.rein.tensor.TensorTesting.assertShapeError;
import static dev.rein.tensor.TensorTesting.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** zeros, ones, full, arange and the from-array constructors. */
class CreationTest {

    @Test
    void zerosOnesAndFull() {
        Tensor z = Tensor.zeros(DType.BF16, 2, 3);
        assertEquals(DType.BF16, z.dtype());
        assertShape(z, 2, 3);
        assertTrue(z.isContiguous());
        assertValues(z, 0, 0, 0, 0, 0, 0);
        assertEquals(DType.F32, Tensor.zeros(4).dtype());
        assertValues(Tensor.ones(2, 2), 1, 1, 1, 1);
        assertValues(Tensor.full(-2.5f, 3), -2.5f, -2.5f, -2.5f);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Tensor.full(-0f, 2).getFloat(1)), "full(-0.0) keeps the sign");
        assertShape(Tensor.zeros(0, 5), 0, 5);
        assertEquals(0, Tensor.zeros(0, 5).toFloatArray().length);
        assertEquals(3f, Tensor.scalar(3f).item());
        assertEquals(0, Tensor.scalar(3f).rank());
    }

    @Test
    void arangeCountsLikeNumPy() {
        assertValues(Tensor.arange(0f, 5f, 1f), 0, 1, 2, 3, 4);
        assertValues(Tensor.arange(1f, 2f, 0.25f), 1f, 1.25f, 1.5f, 1.75f);
        assertEquals(10, Tensor.arange(0f, 1f, 0.1f).numel());
        assertValues(Tensor.arange(3f, 0f, -1f), 3, 2, 1);
        assertEquals(0, Tensor.arange(2f, 1f, 1f).numel());
        assertShapeError(() -> Tensor.arange(0f, 1f, 0f), "arange");
        Tensor ids = Tensor.arange(4);
        assertEquals(DType.I64, ids.dtype());
        assertArrayEquals(new long[] {0, 1, 2, 3}, ids.toLongArray());
    }

    @Test
    void fromArraysCopyTheData() {
        float[] data = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.of(data, 2, 3);
        data[0] = 100;
        assertEquals(1f, t.getFloat(0, 0));
        assertEquals(6f, t.getFloat(1, 2));
        Tensor ints = Tensor.ofInts(new int[] {1, -2, 3, Integer.MAX_VALUE}, 2, 2);
        assertEquals(DType.I32, ints.dtype());
        assertEquals(Integer.MAX_VALUE, ints.getLong(1, 1));
        Tensor longs = Tensor.ofLongs(new long[] {Long.MIN_VALUE, 5}, 2);
        assertArrayEquals(new long[] {Long.MIN_VALUE, 5}, longs.toLongArray());
        Tensor bools = Tensor.ofBools(new boolean[] {true, false, true}, 3);
        assertEquals(DType.BOOL, bools.dtype());
        assertArrayEquals(new long[] {1, 0, 1}, bools.toLongArray());
        assertValues(bools, 1, 0, 1);
        assertShapeError(() -> Tensor.of(new float[5], 2, 3), "of", "5", "[2, 3]");
        assertShapeError(() -> Tensor.ofInts(new int[5], 2, 3), "ofInts", "[2, 3]");
        assertShapeError(() -> Tensor.zeros(2, -1), "negative");
    }

    @Test
    void accessorsConvertBetweenDTypes() {
        Tensor t = Tensor.zeros(DType.BF16, 2);
        t.setFloat(1.00390625f, 0); // 1 + 2^-8: a tie that rounds to 1
        assertEquals(1f, t.getFloat(0));
        t.setLong(7, 1);
        assertEquals(7L, t.getLong(1));
        Tensor i = Tensor.zeros(DType.I64, 1);
        i.setFloat(-3.9f, 0);
        assertEquals(-3L, i.getLong(0)); // truncation toward zero
    }
}
