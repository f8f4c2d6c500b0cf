package dev.rein.steering.ctrl;

/**
 * A sentence's sentiment label as labelled JSONL writes it ({@code "sentiment": "pos"}) and the control token that
 * stands for it. The seed's labelling never gives {@code neu} (VADER ties go to {@code neg}, METHODS.md 2.2), but the
 * token exists in its tokenizer and rows may carry it.
 */
public enum SentimentLabel implements ControlLabel {
    POS("pos", ControlTokens.POS),
    NEU("neu", ControlTokens.NEU),
    NEG("neg", ControlTokens.NEG);

    private final String label;
    private final String token;

    SentimentLabel(String label, String token) {
        this.label = label;
        this.token = token;
    }

    /** The label's spelling in labelled JSONL: {@code pos}, {@code neu} or {@code neg}. */
    @Override
    public String label() {
        return label;
    }

    /** The control token: {@code <|pos|>}, {@code <|neu|>} or {@code <|neg|>}. */
    @Override
    public String token() {
        return token;
    }
}
