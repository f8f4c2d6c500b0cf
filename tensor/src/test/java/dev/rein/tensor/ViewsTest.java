package dev.rein.tensor;

import static dev.rein.tensor.TensorTesting.assertShape;
import static dev.rein.tensor.TensorTesting.assertShapeError;
import static dev.rein.tensor.TensorTesting.assertValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Views share storage and copy nothing; reshape copies only when strides forbid a view. */
class ViewsTest {

    /** 0, 1, ..., n-1 as F32 in the given shape. */
    private static Tensor iota(int... shape) {
        int n = Math.toIntExact(Shapes.numel(shape));
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return Tensor.of(v, shape);
    }

    @Test
    void everyViewWritesThroughToTheBase() {
        Tensor base = iota(2, 3, 4);
        Tensor[] views = {
            base.reshape(6, 4), base.view(4, 6), base.permute(2, 0, 1), base.transpose(0, 2), base.mT(),
            base.narrow(1, 1, 2), base.slice(2, 1, 4, 2), base.select(0, 1), base.unsqueeze(1),
            base.narrow(0, 1, 1).squeeze(0), base.reshape(-1)
        };
        for (Tensor v : views) {
            assertSame(base.storage(), v.storage(), () -> "view " + v + " has its own storage");
        }
        base.select(0, 1).setFloat(-7f, 2, 3); // element [1, 2, 3], flat 23
        assertEquals(-7f, base.getFloat(1, 2, 3));
        base.transpose(0, 2).setFloat(-8f, 3, 0, 1); // element [1, 0, 3], flat 15
        assertEquals(-8f, base.reshape(-1).getFloat(15));
        base.slice(2, 1, 4, 2).setFloat(-9f, 0, 0, 1); // element [0, 0, 3]
        assertEquals(-9f, base.getFloat(0, 0, 3));
    }

    @Test
    void permuteTransposeNarrowSelectAndSliceAddressTheRightElements() {
        Tensor base = iota(2, 3, 4);
        Tensor p = base.permute(2, 0, 1);
        assertShape(p, 4, 2, 3);
        assertArrayEquals(new long[] {1, 12, 4}, p.strides());
        assertEquals(base.getFloat(1, 2, 3), p.getFloat(3, 1, 2));

        assertValues(base.narrow(2, 1, 2).select(0, 1), 13, 14, 17, 18, 21, 22);
        assertEquals(1 * 12 + 1, base.narrow(2, 1, 2).select(0, 1).offset());
        assertValues(base.select(-1, -1), 3, 7, 11, 15, 19, 23);
        assertValues(iota(10).slice(0, 1, 8, 3), 1, 4, 7);
        assertValues(iota(10).slice(0, -3, 100, 1), 7, 8, 9);
        assertValues(iota(10).slice(0, 5, 2, 1));
        assertValues(iota(2, 3).mT(), 0, 3, 1, 4, 2, 5);
        assertValues(iota(2, 2, 3).mT().select(0, 1), 6, 9, 7, 10, 8, 11);
    }

    @Test
    void squeezeAndUnsqueeze() {
        Tensor base = iota(2, 3);
        Tensor u = base.unsqueeze(-1);
        assertShape(u, 2, 3, 1);
        assertShape(base.unsqueeze(0), 1, 2, 3);
        assertShape(base.unsqueeze(1), 2, 1, 3);
        assertTrue(u.isContiguous());
        assertShape(u.squeeze(2), 2, 3);
        assertShapeError(() -> base.squeeze(0), "squeeze", "[2, 3]");
        assertShapeError(() -> base.unsqueeze(4), "unsqueeze");
    }

    @Test
    void reshapeOfAContiguousTensorIsAView() {
        Tensor base = iota(2, 3, 4);
        Tensor r = base.reshape(4, -1);
        assertShape(r, 4, 6);
        assertSame(base.storage(), r.storage());
        assertValues(r.select(0, 3), 18, 19, 20, 21, 22, 23);
        assertShape(Tensor.scalar(5f).reshape(1, 1), 1, 1);
        assertShape(iota(1, 1).reshape(), new int[0]);
    }

    @Test
    void reshapeOfANonContiguousTensorViewsWhenTheStridesAllowIt() {
        Tensor rows = iota(4, 6).narrow(1, 0, 3); // strides [6, 1]: rows with gaps
        Tensor split = rows.reshape(2, 2, 3); // splitting the row dim needs no copy
        assertSame(rows.storage(), split.storage());
        assertArrayEquals(new long[] {12, 6, 1}, split.strides());
        Tensor merged = rows.reshape(12); // merging across the gaps must copy
        assertNotSame(rows.storage(), merged.storage());
        assertValues(merged, 0, 1, 2, 6, 7, 8, 12, 13, 14, 18, 19, 20);

        Tensor t = iota(2, 3).mT();
        Tensor flat = t.reshape(6);
        assertNotSame(t.storage(), flat.storage());
        assertValues(flat, 0, 3, 1, 4, 2, 5);

        // a permutation that keeps merged dims adjacent in memory is still viewable
        Tensor p = iota(2, 3, 4).permute(1, 0, 2); // [3, 2, 4], strides [4, 12, 1]
        Tensor pv = p.reshape(3, 2, 2, 2);
        assertSame(p.storage(), pv.storage());
        assertEquals(p.getFloat(2, 1, 3), pv.getFloat(2, 1, 1, 1));
    }

    @Test
    void viewRefusesWhatOnlyACopyCouldDo() {
        Tensor t = iota(2, 3).mT();
        assertShapeError(() -> t.view(6), "view", "[3, 2]", "[6]");
        Tensor expanded = iota(1, 3).expand(4, 3);
        assertShapeError(() -> expanded.view(12), "view");
        assertShape(expanded.reshape(12), 12);
    }

    @Test
    void reshapeRejectsImpossibleShapes() {
        Tensor t = iota(2, 3);
        assertShapeError(() -> t.reshape(4, -1), "reshape", "[2, 3]");
        assertShapeError(() -> t.reshape(-1, -1), "reshape");
        assertShapeError(() -> t.reshape(7), "reshape", "[2, 3]", "[7]");
    }

    @Test
    void expandUsesStrideZeroAndSharesStorage() {
        Tensor col = iota(3, 1);
        Tensor e = col.expand(2, 3, 4);
        assertShape(e, 2, 3, 4);
        assertArrayEquals(new long[] {0, 1, 0}, e.strides());
        assertSame(col.storage(), e.storage());
        assertFalse(e.isContiguous());
        assertEquals(2f, e.getFloat(1, 2, 3));
        assertShape(col.expand(-1, 5), 3, 5);
        assertShapeError(() -> col.expand(4, 4), "expand", "[3, 1]", "[4, 4]");
        assertShapeError(() -> col.expand(3), "expand");
    }

    @Test
    void contiguousReturnsThisOnlyWhenAlreadyContiguous() {
        Tensor base = iota(2, 3, 4);
        assertSame(base, base.contiguous());
        Tensor narrowRows = base.narrow(0, 1, 1); // offset 12, still contiguous
        assertSame(narrowRows, narrowRows.contiguous());
        Tensor withUnitDim = base.narrow(1, 2, 1); // size-1 dim with any stride is fine ...
        assertFalse(withUnitDim.isContiguous()); // ... but dim 0 now skips elements
        Tensor t = base.transpose(1, 2);
        Tensor c = t.contiguous();
        assertNotSame(t, c);
        assertTrue(c.isContiguous());
        assertArrayEquals(t.toFloatArray(), c.toFloatArray());
        assertEquals(t.getFloat(1, 3, 2), c.getFloat(1, 3, 2));
        assertSame(c, c.contiguous());
        assertTrue(base.select(1, 0).select(1, 0).narrow(0, 0, 1).isContiguous());
    }

    @Test
    void copyAndCopyFromLeaveTheSourceAlone() {
        Tensor base = iota(2, 3);
        Tensor c = base.copy();
        assertNotSame(base.storage(), c.storage());
        c.setFloat(100f, 0, 0);
        assertEquals(0f, base.getFloat(0, 0));

        Tensor target = Tensor.zeros(2, 3);
        target.narrow(1, 1, 2).copyFrom(Tensor.of(5f, 6f)); // broadcast a row into a strided view
        assertValues(target, 0, 5, 6, 0, 5, 6);
        assertShapeError(() -> target.copyFrom(Tensor.zeros(4)), "copy_from", "[4]", "[2, 3]");
        assertShapeError(() -> Tensor.zeros(3).copyFrom(Tensor.zeros(2, 3)), "copy_from", "[2, 3]", "[3]");
    }

    @Test
    void accessorsCheckIndices() {
        Tensor t = iota(2, 3);
        assertEquals(5f, t.getFloat(-1, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> t.getFloat(2, 0));
        assertShapeError(() -> t.getFloat(1), "index");
        assertShapeError(() -> t.item(), "item");
        assertEquals(4f, t.narrow(1, 1, 1).select(0, 1).item());
        assertShapeError(() -> t.narrow(1, 2, 2), "narrow", "[2, 3]");
        assertShapeError(() -> t.select(0, 2), "select");
        assertShapeError(() -> t.permute(0, 0), "permute");
        assertShapeError(() -> t.permute(0), "permute");
        assertShapeError(() -> t.size(2), "size");
    }

    /** Elements in row-major order read one by one through the accessor (no kernels involved). */
    private static float[] readAll(Tensor t) {
        float[] out = new float[Math.toIntExact(t.numel())];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloat(TensorTesting.unravel(i, t.shape()));
        }
        return out;
    }

    /** A random chain of views of a fresh iota tensor. */
    private static Tensor randomView(SplittableRandom r) {
        int rank = 1 + r.nextInt(4);
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = 1 + r.nextInt(4);
        }
        Tensor t = iota(shape);
        for (int step = r.nextInt(4); step > 0; step--) {
            int d = r.nextInt(t.rank());
            switch (r.nextInt(5)) {
                case 0 -> {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < t.rank(); i++) {
                        order.add(i);
                    }
                    java.util.Collections.shuffle(order, new java.util.Random(r.nextLong()));
                    t = t.permute(order.stream().mapToInt(Integer::intValue).toArray());
                }
                case 1 -> {
                    int start = r.nextInt(t.size(d));
                    t = t.narrow(d, start, 1 + r.nextInt(t.size(d) - start));
                }
                case 2 -> t = t.slice(d, 0, t.size(d), 1 + r.nextInt(2));
                case 3 -> t = t.rank() < 5 ? t.unsqueeze(r.nextInt(t.rank() + 1)) : t;
                default -> {
                    int[] target = t.shape();
                    for (int i = 0; i < target.length; i++) {
                        if (target[i] == 1) {
                            target[i] = 1 + r.nextInt(3);
                        }
                    }
                    t = t.expand(target);
                }
            }
        }
        return t;
    }

    /** A random shape with {@code numel} elements and rank 1..4 (size-1 dims included). */
    private static int[] randomFactorisation(SplittableRandom r, long numel) {
        List<Integer> dims = new ArrayList<>();
        long left = numel;
        while (dims.size() < 3 && left > 1) {
            List<Integer> divisors = new ArrayList<>();
            for (int f = 1; f <= left; f++) {
                if (left % f == 0) {
                    divisors.add(f);
                }
            }
            int f = divisors.get(r.nextInt(divisors.size()));
            dims.add(f);
            left /= f;
        }
        dims.add((int) left);
        if (r.nextBoolean()) {
            dims.add(r.nextInt(dims.size() + 1), 1);
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void reshapeOfRandomViewChainsKeepsRowMajorOrder() {
        SplittableRandom r = new SplittableRandom(2024);
        int views = 0;
        for (int trial = 0; trial < 2000; trial++) {
            Tensor t = randomView(r);
            float[] expected = readAll(t);
            int[] target = randomFactorisation(r, t.numel());
            Tensor reshaped = t.reshape(target);
            assertArrayEquals(target, reshaped.shape());
            String what = "reshape of " + Shapes.str(t.shape()) + " strides " + java.util.Arrays.toString(t.strides())
                    + " to " + Shapes.str(target);
            assertArrayEquals(expected, readAll(reshaped), what);
            if (reshaped.storage() == t.storage()) {
                views++;
                assertArrayEquals(expected, readAll(t.view(target)), what);
            } else {
                assertThrows(ShapeException.class, () -> t.view(target), what);
            }
            assertArrayEquals(expected, t.contiguous().toFloatArray(), "contiguous() of " + what);
        }
        assertTrue(views > 500, "only " + views + " of the random reshapes were views");
    }
}
