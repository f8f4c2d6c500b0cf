package dev.rein.steering.cogsteer;

/** Which one-layer adapter CogSteer trains (METHODS.md 4.2); any model family takes either. */
public enum AdapterKind {
    /** A bottleneck adapter (reduction 16, ReLU) after the attention and the MLP sublayers of layer L. */
    BOTTLENECK,
    /** LLaMA-Adapter's gated prompt (10 positions, tanh gate from 0, a softmax of its own) in layer L. */
    PREFIX
}
