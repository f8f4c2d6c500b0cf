package dev.rein.training.adapters;

import java.util.HashSet;
import java.util.List;

/**
 * The settings of bottleneck adapters, as the {@code adapters} library's {@code BnConfig} that CogSteer trains
 * (METHODS 4.2): each adapter maps a sublayer's output a to {@code a + W_up relu(W_down a + b_down) + b_up}, with
 * W_down [hidden / reductionFactor, hidden], before a joins the residual stream.
 *
 * @param reductionFactor hidden size / bottleneck width (16 in CogSteer; the width is rounded down, at least 1)
 * @param afterAttention  an adapter on the attention output (BnConfig's mh_adapter)
 * @param afterMlp        an adapter on the MLP output (BnConfig's output_adapter)
 * @param layers          the decoder layers that get adapters; empty for all (BnConfig's leave_out is the rest)
 * @param init            how the weights start
 * @param initStd         the standard deviation of the normal draws of {@code init}
 */
public record BottleneckConfig(int reductionFactor, boolean afterAttention, boolean afterMlp, List<Integer> layers,
                               Init init, double initStd) {

    /** How the weights start; biases start at zero either way. */
    public enum Init {
        /** W_down normal, W_up zero: the adapter starts as the identity, so training starts from the base model. */
        IDENTITY,
        /** W_down and W_up both normal: the {@code adapters} library's default ("bert"), close to the identity. */
        BERT
    }

    /** The standard deviation of the {@code adapters} library's "bert" initialisation. */
    public static final double DEFAULT_INIT_STD = 0.02;

    /** @throws IllegalArgumentException naming the setting that is out of range */
    public BottleneckConfig {
        if (reductionFactor < 1) {
            throw new IllegalArgumentException("reduction factor must be at least 1, got " + reductionFactor);
        }
        if (!afterAttention && !afterMlp) {
            throw new IllegalArgumentException("a bottleneck adapter goes after the attention, the MLP or both; "
                    + "neither was chosen");
        }
        if (layers.stream().anyMatch(layer -> layer < 0) || new HashSet<>(layers).size() != layers.size()) {
            throw new IllegalArgumentException("adapter layers must be distinct non-negative indices, got " + layers);
        }
        layers = layers.stream().sorted().toList();
        if (init == null) {
            throw new IllegalArgumentException("an initialisation is required");
        }
        if (!(initStd > 0) || Double.isInfinite(initStd)) {
            throw new IllegalArgumentException("init standard deviation must be positive and finite, got " + initStd);
        }
    }

    /**
     * CogSteer's toxic adapter: reduction factor 16 after both sublayers of the given layers, starting as the
     * identity.
     */
    public static BottleneckConfig afterBothSublayers(int reductionFactor, Integer... layers) {
        return new BottleneckConfig(reductionFactor, true, true, List.of(layers), Init.IDENTITY, DEFAULT_INIT_STD);
    }

    public BottleneckConfig withInit(Init init, double initStd) {
        return new BottleneckConfig(reductionFactor, afterAttention, afterMlp, layers, init, initStd);
    }

    /** The bottleneck width for a model of this hidden size. */
    public int bottleneckSize(int hiddenSize) {
        return Math.max(1, hiddenSize / reductionFactor);
    }
}
