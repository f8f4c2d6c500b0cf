package dev.rein.autograd;

import dev.rein.tensor.Shapes;
import dev.rein.tensor.Tensor;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Element-wise functions evaluated in double by a plain loop, for the derivatives the tensor ops cannot
 * express (indicator masks such as {@code x > 0}, the derivatives of gelu and silu). Results are F32.
 */
final class ElementMaps {
    private ElementMaps() {
    }

    /** {@code f(x)} for every element of x. */
    static Tensor map(Tensor x, DoubleUnaryOperator f) {
        float[] v = x.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) f.applyAsDouble(v[i]);
        }
        return Tensor.of(v, x.shape());
    }

    /** {@code f(a, b)} for every element of the broadcast of a and b. */
    static Tensor map(Tensor a, Tensor b, DoubleBinaryOperator f) {
        int[] shape = Shapes.broadcast("map", a.shape(), b.shape());
        float[] av = a.expand(shape).toFloatArray();
        float[] bv = b.expand(shape).toFloatArray();
        for (int i = 0; i < av.length; i++) {
            av[i] = (float) f.applyAsDouble(av[i], bv[i]);
        }
        return Tensor.of(av, shape);
    }
}
