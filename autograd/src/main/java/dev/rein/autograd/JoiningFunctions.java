package dev.rein.autograd;

import dev.rein.tensor.Indexing;
import dev.rein.tensor.ShapeException;
import dev.rein.tensor.Shapes;
import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Differentiable joining and splitting: concat (backward: each part gets its slice of the gradient), stack
 * (concat of unsqueezed parts), split and chunk (differentiable narrow views).
 */
public final class JoiningFunctions {
    private JoiningFunctions() {
    }

    /** Joins parts along dim; part i's gradient is d y narrowed to the range it occupies. */
    public static Variable concat(List<Variable> parts, int dim) {
        List<Tensor> values = new ArrayList<>();
        for (Variable p : parts) {
            values.add(p.value());
        }
        Tensor y = Indexing.concat(values, dim);
        int d = Shapes.normalizeDim("concat", dim, y.rank());
        Edge[] edges = new Edge[parts.size()];
        int start = 0;
        for (int i = 0; i < edges.length; i++) {
            int from = start;
            int length = parts.get(i).size(d);
            edges[i] = Edge.of(parts.get(i), g -> g.narrow(d, from, length));
            start += length;
        }
        return Variable.fromOp("concat", y, edges);
    }

    /** Stacks equally shaped parts along a new dim. */
    public static Variable stack(List<Variable> parts, int dim) {
        if (parts.isEmpty()) {
            throw new ShapeException("stack: no tensors to stack");
        }
        int d = Shapes.normalizeDim("stack", dim, parts.getFirst().rank() + 1);
        List<Variable> unsqueezed = new ArrayList<>();
        for (Variable p : parts) {
            unsqueezed.add(p.unsqueeze(d));
        }
        return concat(unsqueezed, d);
    }

    /** Consecutive pieces of {@code size} along dim (the last may be shorter), as differentiable views. */
    public static List<Variable> split(Variable x, int size, int dim) {
        int d = Shapes.normalizeDim("split", dim, x.rank());
        return asViews(x, d, Indexing.split(x.value(), size, d));
    }

    /** {@code chunks} pieces along dim as torch.chunk (ceil-sized pieces), as differentiable views. */
    public static List<Variable> chunk(Variable x, int chunks, int dim) {
        int d = Shapes.normalizeDim("chunk", dim, x.rank());
        return asViews(x, d, Indexing.chunk(x.value(), chunks, d));
    }

    /** Differentiable narrow views of x with the sizes of the consecutive {@code pieces} along d. */
    private static List<Variable> asViews(Variable x, int d, List<Tensor> pieces) {
        List<Variable> out = new ArrayList<>();
        int start = 0;
        for (Tensor piece : pieces) {
            out.add(x.narrow(d, start, piece.size(d)));
            start += piece.size(d);
        }
        return out;
    }
}
