package dev.rein.steering.dph;

/** Which DPH loss compares the chosen and rejected rewards (METHODS.md 3.2). */
public enum DphObjective {
    /** L = BCE(r⁺, 1 − ε) + BCE(r⁻, ε): each reward on its own (DPH's default). */
    SEPARABLE,
    /** L = mean[−(1 − ε)·log σ(r⁺ − r⁻) − ε·log σ(r⁻ − r⁺)]: only their difference. */
    CONTRASTIVE
}
