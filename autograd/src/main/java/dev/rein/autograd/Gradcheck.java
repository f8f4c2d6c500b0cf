package dev.rein.autograd;

import dev.rein.tensor.DType;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Checks backward rules against central finite differences. The objective is
 * {@code sum(f(inputs) * u)} with fixed pseudo-random weights u in [-1, 1], so every output element and
 * every direction of the Jacobian counts. Analytic gradients come from one {@link Variable#backward};
 * numeric ones perturb each input element by +-eps <b>in F32</b> (the ops compute in F32 only), evaluate f
 * under {@link NoGrad}, accumulate the objective in double and divide by the actual F32 step.
 *
 * <p>Tolerances: F32 rounding of an objective of magnitude S costs about S * 6e-8 per evaluation, amplified
 * by 1 / (2 eps); truncation of the central difference costs about eps^2 / 6 * |f'''|. With inputs of order
 * 1, eps = 1e-2 keeps both near 1e-4, so the default accepts |analytic - numeric| <= 2e-3 + 1e-2 |numeric|.
 * Keep inputs more than eps away from kinks (relu, abs, max, clamp bounds) where the derivative jumps.
 */
public final class Gradcheck {
    private static final long UPSTREAM_SEED = 20240611L;

    /** Step and acceptance: |analytic - numeric| <= absolute + relative * |numeric|. */
    public record Tolerance(double eps, double absolute, double relative) {
        public static final Tolerance DEFAULT = new Tolerance(1e-2, 2e-3, 1e-2);
    }

    /** The element whose analytic gradient is furthest outside the tolerance (ratio > 1 means failure). */
    public record Worst(int input, int[] index, double analytic, double numeric, double ratio) {
        @Override
        public String toString() {
            return "input " + input + " element " + Arrays.toString(index) + ": analytic " + analytic
                    + ", numeric " + numeric + " (error " + Math.abs(analytic - numeric) + ", "
                    + String.format("%.2f", ratio) + "x the allowed)";
        }
    }

    private Gradcheck() {
    }

    /** Checks with the default tolerance; throws an AssertionError naming the worst element on failure. */
    public static void check(String name, Function<List<Variable>, Variable> f, Tensor... inputs) {
        check(name, Tolerance.DEFAULT, f, inputs);
    }

    /** Checks every input with {@code tolerance}; throws an AssertionError naming the worst element on failure. */
    public static void check(String name, Tolerance tolerance, Function<List<Variable>, Variable> f, Tensor... inputs) {
        Worst worst = worst(tolerance, f, inputs);
        if (worst != null && !(worst.ratio() <= 1.0)) {
            throw new AssertionError("gradcheck " + name + " failed at " + worst);
        }
    }

    /** The worst element over all inputs (null when the inputs have no elements). */
    public static Worst worst(Tolerance tolerance, Function<List<Variable>, Variable> f, Tensor... inputs) {
        List<Variable> leaves = new ArrayList<>();
        for (Tensor t : inputs) {
            leaves.add(Variable.parameter(t));
        }
        Variable out = f.apply(leaves);
        Tensor upstream = new TensorRandom(UPSTREAM_SEED).uniform(-1f, 1f, out.shape());
        List<Tensor> analytic = Variable.gradients(out, upstream, leaves);

        Worst worst = null;
        for (int i = 0; i < inputs.length; i++) {
            float[] base = inputs[i].toFloatArray();
            float[] grad = analytic.get(i).toFloatArray();
            int[] shape = inputs[i].shape();
            for (int e = 0; e < base.length; e++) {
                double numeric = numericDerivative(f, inputs, i, base, e, tolerance.eps(), upstream);
                double allowed = tolerance.absolute() + tolerance.relative() * Math.abs(numeric);
                double ratio = Math.abs(grad[e] - numeric) / allowed;
                if (worst == null || !(ratio <= worst.ratio())) {
                    worst = new Worst(i, unravel(e, shape), grad[e], numeric, ratio);
                }
            }
        }
        return worst;
    }

    /** (objective(x + eps) - objective(x - eps)) / (actual F32 step) for element e of input i. */
    private static double numericDerivative(Function<List<Variable>, Variable> f, Tensor[] inputs, int i,
            float[] base, int e, double eps, Tensor upstream) {
        float original = base[e];
        float plus = (float) (original + eps);
        float minus = (float) (original - eps);
        double objectivePlus = objective(f, inputs, i, perturbed(base, e, plus, inputs[i].shape()), upstream);
        double objectiveMinus = objective(f, inputs, i, perturbed(base, e, minus, inputs[i].shape()), upstream);
        return (objectivePlus - objectiveMinus) / ((double) plus - (double) minus);
    }

    private static Tensor perturbed(float[] base, int e, float value, int[] shape) {
        float[] copy = base.clone();
        copy[e] = value;
        return Tensor.of(copy, shape);
    }

    /** sum(f(inputs with input i replaced) * upstream), accumulated in double, recording nothing. */
    private static double objective(Function<List<Variable>, Variable> f, Tensor[] inputs, int i, Tensor replaced,
            Tensor upstream) {
        List<Variable> args = new ArrayList<>();
        for (int j = 0; j < inputs.length; j++) {
            args.add(Variable.constant(j == i ? replaced : inputs[j].to(DType.F32)));
        }
        float[] y;
        try (NoGrad _ = NoGrad.enter()) {
            y = f.apply(args).value().toFloatArray();
        }
        float[] u = upstream.toFloatArray();
        double sum = 0;
        for (int k = 0; k < y.length; k++) {
            sum += (double) y[k] * u[k];
        }
        return sum;
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }
}
