package dev.rein.steering.ctrl;

/**
 * The sentiment label of a sentence whose sentiment scores tie (VADER's {@code neg == pos}, a text without sentiment
 * words included). The seed gives {@link #NEG}, because its loop looks at {@code neg} first (METHODS.md 2.2 step 5);
 * {@link #NEU} keeps such sentences apart under {@code <|neu|>}.
 */
public enum SentimentTies {
    NEG(ControlToken.NEG),
    NEU(ControlToken.NEU),
    POS(ControlToken.POS);

    private final ControlToken tie;

    SentimentTies(ControlToken tie) {
        this.tie = tie;
    }

    /** The label of a sentence whose {@code positive − negative} score is {@code margin}. */
    public ControlToken label(double margin) {
        if (margin > 0) return ControlToken.POS;
        if (margin < 0) return ControlToken.NEG;
        return tie;
    }
}
