package dev.rein.tensor;

/** Element-wise functions of one F32 operand that every backend implements. */
public enum UnaryOp {
    NEG, EXP, LOG, SQRT, RSQRT, ABS, TANH, SIGMOID, RELU,
    /** 0.5 x (1 + erf(x / sqrt 2)). */
    GELU_ERF,
    /** 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), GPT-2's gelu_new and Gemma's gelu_pytorch_tanh. */
    GELU_TANH,
    /** x sigmoid(x). */
    SILU
}
