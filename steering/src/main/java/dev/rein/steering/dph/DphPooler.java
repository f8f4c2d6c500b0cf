package dev.rein.steering.dph;

import dev.rein.training.heads.HeadConfig.PoolerKind;
import java.util.Arrays;
import java.util.Locale;

/**
 * DPH's five poolers (METHODS.md 3.1), each a {@link PoolerKind} of training.heads with dropout around it: always
 * after it, and also before it for the T5 variants.
 * <pre>
 * identity     dropout
 * bert         Linear(d, d) → tanh → dropout
 * t5           dropout → Linear(d, d) → tanh → dropout
 * swiglu_bert  Linear(d, 2·d_ffn) → x·silu(g) → Linear(d_ffn, d) → tanh → dropout
 * swiglu_t5    dropout → swiglu_bert
 * </pre>
 */
public enum DphPooler {
    IDENTITY(PoolerKind.IDENTITY, false),
    BERT(PoolerKind.LINEAR_TANH, false),
    T5(PoolerKind.LINEAR_TANH, true),
    SWIGLU_BERT(PoolerKind.SWIGLU_TANH, false),
    SWIGLU_T5(PoolerKind.SWIGLU_TANH, true);

    private final PoolerKind kind;
    private final boolean leadingDropout;

    DphPooler(PoolerKind kind, boolean leadingDropout) {
        this.kind = kind;
        this.leadingDropout = leadingDropout;
    }

    /** The pooler of training.heads this variant wraps. */
    public PoolerKind kind() {
        return kind;
    }

    /** Whether a dropout comes before the pooler too (the T5 variants). */
    public boolean leadingDropout() {
        return leadingDropout;
    }

    /** The name DPH's configs use: {@code identity}, {@code bert}, {@code t5}, {@code swiglu_bert}, {@code swiglu_t5}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The variant named {@code label} ({@link #label()}).
     *
     * @throws IllegalArgumentException naming the five when it is none of them
     */
    public static DphPooler of(String label) {
        return Arrays.stream(values()).filter(p -> p.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown pooler \"" + label + "\"; expected one of "
                        + Arrays.stream(values()).map(DphPooler::label).toList()));
    }
}
