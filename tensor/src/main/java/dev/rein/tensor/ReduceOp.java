package dev.rein.tensor;

/** Reductions of each row of an F32 matrix to one value that every backend implements. */
public enum ReduceOp {
    SUM, MEAN, MAX, MIN,
    /** log(sum(exp(x))), computed as max + log(sum(exp(x - max))) so that no exp overflows; -inf for an empty row. */
    LOGSUMEXP
}
