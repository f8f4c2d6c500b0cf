package dev.rein.tensor;

/** Element-wise functions of two F32 operands (already broadcast to one shape) that every backend implements. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAX, MIN
}
