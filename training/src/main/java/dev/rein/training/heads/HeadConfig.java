package dev.rein.training.heads;

import dev.rein.models.hooks.HookPoint;
import dev.rein.models.hooks.HookPoints;

/**
 * The shape of a {@link PooledHead}: where it reads the model, how it pools, its pooler and its outputs.
 *
 * @param hookPoint        the hook point whose hidden states [B, T, H] it reads, e.g.
 *                         {@code ln_final.hook_normalized} (DPH: the final, normed state) or
 *                         {@code blocks.11.hook_resid_post}
 * @param pooling          how a row's states become one vector
 * @param pooler           the pooler's kind
 * @param hiddenSize       H, the model's hidden size
 * @param intermediateSize the SwiGLU pooler's inner width (DPH: the model's intermediate size); 0 for the others
 * @param outputs          k, the head's outputs (1 for a reward)
 * @param headBias         whether the head has a bias (DPH's reward head has none)
 * @param initStd          the standard deviation of the normal initial weights (biases start at 0)
 */
public record HeadConfig(String hookPoint, Pooling pooling, PoolerKind pooler, int hiddenSize, int intermediateSize,
                         int outputs, boolean headBias, double initStd) {

    /** The kinds of {@link Pooler}. */
    public enum PoolerKind {
        IDENTITY,
        /** DPH's "bert" pooler without dropout. */
        LINEAR_TANH,
        /** DPH's "swiglu_bert" pooler without dropout. */
        SWIGLU_TANH
    }

    /** Hugging Face's initializer_range default, the usual scale of a fresh head. */
    public static final double DEFAULT_INIT_STD = 0.02;

    /** @throws IllegalArgumentException naming the setting that is out of range */
    public HeadConfig {
        if (hookPoint == null || hookPoint.isBlank() || hookPoint.equals(HookPoints.LOGITS)
                || HookPoint.parse(hookPoint).positionAxis() != 1) {
            throw new IllegalArgumentException("a head reads hidden states [B, T, H] at a point such as "
                    + HookPoints.FINAL_NORMALIZED + " or " + HookPoints.residPost(0) + ", got " + hookPoint);
        }
        if (pooling == null || pooler == null) {
            throw new IllegalArgumentException("a pooling and a pooler kind are required");
        }
        if (hiddenSize < 1 || outputs < 1) {
            throw new IllegalArgumentException("hidden size and outputs must be at least 1, got " + hiddenSize
                    + " and " + outputs);
        }
        if (pooler == PoolerKind.SWIGLU_TANH ? intermediateSize < 1 : intermediateSize != 0) {
            throw new IllegalArgumentException("the intermediate size must be at least 1 for a SwiGLU pooler and 0 "
                    + "otherwise, got " + intermediateSize + " for " + pooler);
        }
        if (!(initStd > 0) || Double.isInfinite(initStd)) {
            throw new IllegalArgumentException("init standard deviation must be positive and finite, got " + initStd);
        }
    }

    /** A scalar reward read at {@code hookPoint}: identity pooler, one output, no bias (DPH's reward head). */
    public static HeadConfig reward(String hookPoint, Pooling pooling, int hiddenSize) {
        return new HeadConfig(hookPoint, pooling, PoolerKind.IDENTITY, hiddenSize, 0, 1, false, DEFAULT_INIT_STD);
    }

    /** This config with another pooler (intermediateSize 0 unless SWIGLU_TANH). */
    public HeadConfig withPooler(PoolerKind kind, int intermediate) {
        return new HeadConfig(hookPoint, pooling, kind, hiddenSize, intermediate, outputs, headBias, initStd);
    }

    /** This config with k outputs. */
    public HeadConfig withOutputs(int k) {
        return new HeadConfig(hookPoint, pooling, pooler, hiddenSize, intermediateSize, k, headBias, initStd);
    }

    /** This config with a bias on the head's outputs ({@link #reward} has none). */
    public HeadConfig withHeadBias() {
        return new HeadConfig(hookPoint, pooling, pooler, hiddenSize, intermediateSize, outputs, true, initStd);
    }
}
