package dev.rein.autograd;

import dev.rein.tensor.NeuralOps;
import dev.rein.tensor.NeuralOps.LayerNormGrads;
import dev.rein.tensor.Shapes;
import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Differentiable row normalisations: softmax, log-softmax, layer norm and RMS norm. Values come from the
 * tensor module's fused kernels; backward rules are the closed-form vector-Jacobian products, written with
 * tensor ops over the normalised dim (x [..., n], weight and bias [n]).
 */
public final class NormalizationFunctions {
    private NormalizationFunctions() {
    }

    /** y = softmax(x) along dim; d x = y * (d y - sum(d y * y)). */
    public static Variable softmax(Variable x, int dim) {
        int d = Shapes.normalizeDim("softmax", dim, x.rank());
        Tensor y = NeuralOps.softmax(x.value(), d);
        return Variable.fromOp("softmax", y, Edge.of(x, g -> NeuralOps.softmaxGrad(y, g, d)));
    }

    /** y = log_softmax(x) along dim; d x = d y - softmax(x) * sum(d y). */
    public static Variable logSoftmax(Variable x, int dim) {
        int d = Shapes.normalizeDim("log_softmax", dim, x.rank());
        Tensor y = NeuralOps.logSoftmax(x.value(), d);
        return Variable.fromOp("log_softmax", y, Edge.of(x, g -> NeuralOps.logSoftmaxGrad(y, g, d)));
    }

    /**
     * Layer norm over the last dim (biased variance), bias may be null. With xhat = (x - mean) * rstd:
     * d x = rstd * (d y w - mean(d y w) - xhat * mean(d y w * xhat)), d w = sum over rows of d y * xhat,
     * d b = sum over rows of d y; the three come from one pass of {@link NeuralOps#layerNormGrad}.
     */
    public static Variable layerNorm(Variable x, Variable weight, Variable bias, float eps) {
        Tensor xv = x.value();
        Tensor wv = weight.value();
        Tensor y = NeuralOps.layerNorm(xv, wv, bias == null ? null : bias.value(), eps);
        Set<LayerNormGrads.Part> wanted = EnumSet.noneOf(LayerNormGrads.Part.class);
        if (x.requiresGrad()) wanted.add(LayerNormGrads.Part.INPUT);
        if (weight.requiresGrad()) wanted.add(LayerNormGrads.Part.WEIGHT);
        if (bias != null && bias.requiresGrad()) wanted.add(LayerNormGrads.Part.BIAS);
        JointGradients grads = new JointGradients(g -> {
            LayerNormGrads r = NeuralOps.layerNormGrad(xv, wv, eps, g, wanted);
            return new Tensor[] {r.input(), r.weight(), r.bias()};
        });
        List<Edge> edges = new ArrayList<>();
        edges.add(Edge.of(x, g -> grads.take(g, 0)));
        edges.add(Edge.of(weight, g -> grads.take(g, 1)));
        if (bias != null) {
            edges.add(Edge.of(bias, g -> grads.take(g, 2)));
        }
        return Variable.fromOp("layer_norm", y, edges.toArray(Edge[]::new));
    }

    /**
     * RMS norm over the last dim: y = x * r * (offset + w), r = rsqrt(mean(x^2) + eps); offset 1 is Gemma's
     * (1 + w). d x = r * (d y s - x * r^2 * mean(d y s * x)) with s = offset + w; d w = sum over rows of
     * d y * x * r; both from one pass of {@link NeuralOps#rmsNormGrad}.
     */
    public static Variable rmsNorm(Variable x, Variable weight, float eps, float weightOffset) {
        Tensor xv = x.value();
        Tensor wv = weight.value();
        Tensor y = NeuralOps.rmsNorm(xv, wv, eps, weightOffset);
        Set<LayerNormGrads.Part> wanted = EnumSet.noneOf(LayerNormGrads.Part.class);
        if (x.requiresGrad()) wanted.add(LayerNormGrads.Part.INPUT);
        if (weight.requiresGrad()) wanted.add(LayerNormGrads.Part.WEIGHT);
        JointGradients grads = new JointGradients(g -> {
            LayerNormGrads r = NeuralOps.rmsNormGrad(xv, wv, eps, weightOffset, g, wanted);
            return new Tensor[] {r.input(), r.weight()};
        });
        return Variable.fromOp("rms_norm", y, Edge.of(x, g -> grads.take(g, 0)), Edge.of(weight, g -> grads.take(g, 1)));
    }

    /** Llama's RMS norm (weight offset 0). */
    public static Variable rmsNorm(Variable x, Variable weight, float eps) {
        return rmsNorm(x, weight, eps, 0f);
    }
}
