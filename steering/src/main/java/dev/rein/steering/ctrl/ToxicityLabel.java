package dev.rein.steering.ctrl;

/**
 * A sentence's toxicity label as labelled JSONL writes it ({@code "toxicity": "toxic"}) and the control token that
 * stands for it. The seed calls a sentence toxic when its Detoxify score is above 0.001 (METHODS.md 2.2).
 */
public enum ToxicityLabel implements ControlLabel {
    TOXIC("toxic", ControlTokens.TOXIC),
    NONTOXIC("nontoxic", ControlTokens.NONTOXIC);

    private final String label;
    private final String token;

    ToxicityLabel(String label, String token) {
        this.label = label;
        this.token = token;
    }

    /** The label's spelling in labelled JSONL: {@code toxic} or {@code nontoxic}. */
    @Override
    public String label() {
        return label;
    }

    /** The control token: {@code <|toxic|>} or {@code <|nontoxic|>}. */
    @Override
    public String token() {
        return token;
    }
}
