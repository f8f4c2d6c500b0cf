package dev.rein.tensor;

/** Reductions of each row of an F32 matrix to one value that every backend implements. */
public enum ReduceOp {
    SUM, MEAN, MAX, MIN
}
