package dev.rein.autograd;

import dev.rein.tensor.Indexing;
import dev.rein.tensor.Shapes;
import dev.rein.tensor.Tensor;

/**
 * Differentiable picking and placing of elements. Indices are plain tensors (not differentiable). Backward
 * of picking is scatter-adding the gradient back to where the elements came from (repeated indices sum);
 * backward of scatter-add is gathering.
 */
public final class IndexingFunctions {
    private IndexingFunctions() {
    }

    /** Rows of table [V, D] for ids [...] -> [..., D]; d table = d y rows added at their ids. */
    public static Variable embedding(Variable table, Tensor ids) {
        int vocab = table.size(0);
        int dim = table.size(1);
        return Variable.fromOp("embedding", Indexing.embedding(table.value(), ids),
                Edge.of(table, g -> addRows(vocab, ids, g.reshape(-1, dim))));
    }

    /** Slices of x along dim named by index [n] -> x's shape with dim of size n; d x sums slices at their index. */
    public static Variable indexSelect(Variable x, int dim, Tensor index) {
        int d = Shapes.normalizeDim("index_select", dim, x.rank());
        int[] frontShape = x.value().transpose(0, d).shape();     // x with dim d moved to the front
        return Variable.fromOp("index_select", Indexing.indexSelect(x.value(), d, index), Edge.of(x, g -> {
            Tensor rows = g.transpose(0, d).reshape(index.size(0), -1);
            return addRows(frontShape[0], index, rows).reshape(frontShape).transpose(0, d);
        }));
    }

    /** zeros [rows, D] with rows [N, D] added at row ids [N] (any shape with N elements). */
    private static Tensor addRows(int rows, Tensor ids, Tensor src) {
        return Indexing.indexAddRows(rows, ids.reshape(src.size(0)), src);
    }

    /** PyTorch gather along dim; d x = zeros with d y scatter-added at index. */
    public static Variable gather(Variable x, int dim, Tensor index) {
        int[] shape = x.shape();
        return Variable.fromOp("gather", Indexing.gather(x.value(), dim, index),
                Edge.of(x, g -> Indexing.scatterAdd(Tensor.zeros(shape), dim, index, g)));
    }

    /** A copy of target with src added at index along dim; d target = d y, d src = d y gathered at index. */
    public static Variable scatterAdd(Variable target, int dim, Tensor index, Variable src) {
        return Variable.fromOp("scatter_add", Indexing.scatterAdd(target.value(), dim, index, src.value()),
                Edge.of(target, g -> g),
                Edge.of(src, g -> Indexing.gather(g, dim, index)));
    }
}
