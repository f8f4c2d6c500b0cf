package dev.rein.tensor;

import static dev.rein.tensor.TensorTesting.assertClose;
import static dev.rein.tensor.TensorTesting.assertShape;
import static dev.rein.tensor.TensorTesting.assertShapeError;
import static dev.rein.tensor.TensorTesting.assertValues;
import static dev.rein.tensor.TensorTesting.random;
import static dev.rein.tensor.TensorTesting.strides;
import static dev.rein.tensor.TensorTesting.transposedLayout;
import static dev.rein.tensor.TensorTesting.unravel;
import static dev.rein.tensor.TensorTesting.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Embedding, index_select, gather, scatter_add, concat/stack/split/chunk and top-k. */
class IndexingTest {

    private static long[] randomIndices(long seed, int count, int bound) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] v = new long[count];
        for (int i = 0; i < count; i++) {
            v[i] = r.nextInt(bound);
        }
        return v;
    }

    private static int flat(int[] idx, int[] shape) {
        int[] st = strides(shape);
        int at = 0;
        for (int d = 0; d < idx.length; d++) {
            at += idx[d] * st[d];
        }
        return at;
    }

    @Test
    void embeddingLooksUpRowsInAnyTableDType() {
        Tensor table = random(110, 11, 6);
        Tensor ids = Tensor.ofLongs(new long[] {3, 0, 10, 3, 7, 1}, 2, 3);
        for (DType dt : new DType[] {DType.F32, DType.BF16, DType.F16}) {
            Tensor t = table.to(dt);
            Tensor y = Indexing.embedding(t, ids);
            assertShape(y, 2, 3, 6);
            double[] tv = values(t);
            double[] expected = new double[36];
            long[] idv = ids.toLongArray();
            for (int i = 0; i < 6; i++) {
                System.arraycopy(tv, (int) idv[i] * 6, expected, i * 6, 6);
            }
            assertClose(dt.toString(), expected, y, 0, 0);
            assertClose(dt + " table view", expected, Indexing.embedding(transposedLayout(t), ids.to(DType.I32)), 0, 0);
        }
        assertShapeError(() -> Indexing.embedding(table, Tensor.ofLongs(new long[] {11}, 1)), "embedding", "11");
        assertShapeError(() -> Indexing.embedding(table, Tensor.ofLongs(new long[] {-1}, 1)), "embedding", "-1");
        assertShapeError(() -> Indexing.embedding(table, Tensor.of(1f)), "embedding", "F32");
    }

    @Test
    void indexSelectAlongEveryDim() {
        Tensor x = random(111, 3, 4, 5);
        for (int dim = 0; dim < 3; dim++) {
            int n = x.size(dim);
            long[] picks = {n - 1, 0, n - 1, 1};
            Tensor y = Indexing.indexSelect(transposedLayout(x), dim, Tensor.ofLongs(picks, 4));
            int[] shape = x.shape();
            shape[dim] = 4;
            assertShape(y, shape);
            double[] xv = values(x);
            double[] expected = new double[Math.toIntExact(Shapes.numel(shape))];
            for (int i = 0; i < expected.length; i++) {
                int[] idx = unravel(i, shape);
                idx[dim] = (int) picks[idx[dim]];
                expected[i] = xv[flat(idx, x.shape())];
            }
            assertClose("dim " + dim, expected, y, 0, 0);
        }
        assertShapeError(() -> Indexing.indexSelect(x, 0, Tensor.ofLongs(new long[] {0}, 1, 1)), "index_select", "[1, 1]");
    }

    @Test
    void gatherAlongEveryDim() {
        Tensor x = random(112, 4, 5, 6);
        for (int dim = 0; dim < 3; dim++) {
            int[] shape = {3, 4, 5}; // smaller than x in every dim, and in dim `dim` any size is allowed
            shape[dim] = 7;
            long[] idx = randomIndices(dim, Math.toIntExact(Shapes.numel(shape)), x.size(dim));
            Tensor index = Tensor.ofLongs(idx, shape);
            double[] xv = values(x);
            double[] expected = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                int[] at = unravel(i, shape);
                at[dim] = (int) idx[i];
                expected[i] = xv[flat(at, x.shape())];
            }
            assertClose("dim " + dim, expected, Indexing.gather(x, dim, index), 0, 0);
            assertClose("strided, dim " + dim, expected, Indexing.gather(transposedLayout(x), dim - 3, transposedLayout(index)), 0, 0);
        }
        assertShapeError(() -> Indexing.gather(x, 1, Tensor.ofLongs(new long[] {5}, 1, 1, 1)), "gather", "5");
        assertShapeError(() -> Indexing.gather(x, 1, Tensor.ofLongs(new long[] {0}, 1, 1)), "gather", "[1, 1]", "[4, 5, 6]");
        assertShapeError(() -> Indexing.gather(x, 1, Tensor.ofLongs(new long[5], 5, 1, 1)), "gather", "[5, 1, 1]");
    }

    @Test
    void scatterAddAccumulatesDuplicates() {
        Tensor target = random(113, 4, 5, 6);
        for (int dim = 0; dim < 3; dim++) {
            int[] shape = {3, 4, 5};
            shape[dim] = 9; // more sources than slots: duplicates are certain
            long[] idx = randomIndices(10 + dim, Math.toIntExact(Shapes.numel(shape)), target.size(dim));
            Tensor index = Tensor.ofLongs(idx, shape);
            Tensor src = random(114 + dim, shape);
            double[] expected = values(target);
            double[] sv = values(src);
            for (int i = 0; i < idx.length; i++) {
                int[] at = unravel(i, shape);
                at[dim] = (int) idx[i];
                expected[flat(at, target.shape())] += sv[i];
            }
            Tensor before = target.copy();
            assertClose("dim " + dim, expected, Indexing.scatterAdd(target, dim, index, src), 1e-6, 1e-6);
            assertArrayEquals(before.toFloatArray(), target.toFloatArray(), "scatter_add must not modify its input");
            assertClose("strided, dim " + dim, expected,
                    Indexing.scatterAdd(transposedLayout(target), dim, index.to(DType.I32), transposedLayout(src)), 1e-6, 1e-6);
        }
        assertShapeError(() -> Indexing.scatterAdd(target, 0, Tensor.ofLongs(new long[2], 2, 1, 1), Tensor.zeros(1, 1, 2)),
                "scatter_add", "[2, 1, 1]", "[1, 1, 2]");
    }

    @Test
    void concatStackSplitAndChunk() {
        Tensor a = random(115, 2, 3);
        Tensor b = random(116, 2, 5);
        Tensor c = Indexing.concat(List.of(a, transposedLayout(b)), -1);
        assertShape(c, 2, 8);
        assertArrayEquals(a.toFloatArray(), c.narrow(1, 0, 3).toFloatArray());
        assertArrayEquals(b.toFloatArray(), c.narrow(1, 3, 5).toFloatArray());
        Tensor rows = Indexing.concat(List.of(a, a.mul(2f)), 0);
        assertShape(rows, 4, 3);
        assertArrayEquals(a.mul(2f).toFloatArray(), rows.narrow(0, 2, 2).toFloatArray());
        assertShapeError(() -> Indexing.concat(List.of(a, b), 0), "concat", "[2, 3]", "[2, 5]");
        assertShapeError(() -> Indexing.concat(List.of(a, Tensor.zeros(3)), 0), "concat", "[2, 3]", "[3]");
        assertEquals(DType.BF16, Indexing.concat(List.of(a.to(DType.BF16), a), 0).dtype());

        Tensor s = Indexing.stack(List.of(a, a.neg(), a.mul(3f)), 1);
        assertShape(s, 2, 3, 3);
        assertArrayEquals(a.neg().toFloatArray(), s.select(1, 1).contiguous().toFloatArray());
        assertShape(Indexing.stack(List.of(a, a), -1), 2, 3, 2);
        assertShapeError(() -> Indexing.stack(List.of(a, b), 0), "stack", "[2, 3]", "[2, 5]");

        Tensor x = random(117, 7, 2);
        List<Tensor> parts = Indexing.split(x, 3, 0);
        assertEquals(3, parts.size());
        assertShape(parts.get(2), 1, 2);
        for (Tensor p : parts) {
            assertSame(x.storage(), p.storage());
        }
        assertArrayEquals(x.toFloatArray(), Indexing.concat(parts, 0).toFloatArray());
        // torch.chunk: ceil-sized pieces, so 7 in 3 -> 3, 3, 1 and 6 in 4 -> 2, 2, 2
        assertArrayEquals(new int[] {3, 3, 1}, Indexing.chunk(x, 3, 0).stream().mapToInt(t -> t.size(0)).toArray());
        assertArrayEquals(new int[] {2, 2, 2}, Indexing.chunk(random(118, 6), 4, 0).stream().mapToInt(t -> t.size(0)).toArray());
        assertArrayEquals(new int[] {1, 1}, Indexing.chunk(x, 5, 1).stream().mapToInt(t -> t.size(1)).toArray());
        assertShapeError(() -> Indexing.split(x, 0, 0), "split");
        assertShapeError(() -> Indexing.chunk(x, 0, 0), "chunk");
    }

    @Test
    void topkIsDescendingWithLowerIndicesFirstOnTies() {
        Tensor x = Tensor.of(new float[] {1, 5, 3, 5, 2, 5, -1, 0, 0, 0, 0, 0, 9, 8, 7, 6, 5, 4}, 3, 6);
        Indexing.TopK top = Indexing.topk(x, 3);
        assertShape(top.values(), 3, 3);
        assertEquals(DType.I64, top.indices().dtype());
        assertValues(top.values(), 5, 5, 5, 0, 0, 0, 9, 8, 7);
        assertArrayEquals(new long[] {1, 3, 5, 1, 2, 3, 0, 1, 2}, top.indices().toLongArray());

        Indexing.TopK all = Indexing.topk(x, 6);
        assertArrayEquals(new long[] {1, 3, 5, 2, 4, 0}, all.indices().select(0, 0).toLongArray());
        assertValues(all.values().select(0, 0), 5, 5, 5, 3, 2, 1);

        // naive check on random rows, through a strided view, with rank 3; k = 7 keeps a sorted list of the
        // best, k = 40 (the whole row) sorts the row: both paths of the kernel
        Tensor r = random(119, 2, 3, 40);
        double[] rv = values(r);
        for (int k : new int[] {7, 40}) {
            Indexing.TopK rt = Indexing.topk(transposedLayout(r), k);
            assertShape(rt.values(), 2, 3, k);
            for (int row = 0; row < 6; row++) {
                Integer[] order = new Integer[40];
                for (int i = 0; i < 40; i++) {
                    order[i] = i;
                }
                final int base = row * 40;
                java.util.Arrays.sort(order, (p, q) -> Double.compare(rv[base + q], rv[base + p]));
                for (int j = 0; j < k; j++) {
                    assertEquals(order[j].longValue(), rt.indices().reshape(6, k).getLong(row, j));
                    assertEquals(rv[base + order[j]], rt.values().reshape(6, k).getFloat(row, j));
                }
            }
        }
    }

    /** torch.topk orders NaN above every number; both kernel paths (short list, full sort) must too. */
    @Test
    void topkTreatsNaNAsTheLargestValue() {
        Indexing.TopK top = Indexing.topk(Tensor.of(new float[] {1f, Float.NaN, 3f, 2f}, 1, 4), 2);
        assertArrayEquals(new long[] {1, 2}, top.indices().toLongArray(), top.values().toString());
        assertEquals(3f, top.values().getFloat(0, 1));

        float[] row = new float[40];
        for (int i = 0; i < row.length; i++) {
            row[i] = i;
        }
        row[7] = Float.NaN;
        Indexing.TopK sorted = Indexing.topk(Tensor.of(row, 1, 40), 35);
        assertEquals(7L, sorted.indices().getLong(0, 0));
        assertEquals(39L, sorted.indices().getLong(0, 1));
        assertEquals(5L, sorted.indices().getLong(0, 34));
    }

    @Test
    void topkEdgeSizes() {
        Tensor x = random(120, 2, 4);
        Indexing.TopK none = Indexing.topk(x, 0);
        assertShape(none.values(), 2, 0);
        assertShape(none.indices(), 2, 0);
        assertShapeError(() -> Indexing.topk(x, 5), "topk", "5", "4");
        assertShapeError(() -> Indexing.topk(x, -1), "topk");
    }
}
