package dev.rein.steering.ctrl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which labels a training sentence is conditioned on, that is which control tokens are put in front of it
 * (METHODS.md 2.1, the seed's {@code texts}, {@code texts_tox}, {@code texts_sentiment} and
 * {@code texts_all_labels}): none, the toxicity token, the sentiment token, or the toxicity token then the sentiment
 * token. A row marked {@code strip} gets no token whatever the conditioning.
 */
public enum Conditioning {
    /** Plain language modelling: the seed's M-B. */
    NONE,
    /** {@code <|toxic|>} or {@code <|nontoxic|>}: M-T. */
    TOXICITY,
    /** {@code <|pos|>}, {@code <|neu|>} or {@code <|neg|>}: M-S. */
    SENTIMENT,
    /** The toxicity token, then the sentiment token: M-TS. */
    BOTH;

    /** The conditioning's name on the command line and in records: {@code none}, {@code toxicity}, ... */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether rows need a {@code toxicity} label. */
    public boolean usesToxicity() {
        return this == TOXICITY || this == BOTH;
    }

    /** Whether rows need a {@code sentiment} label. */
    public boolean usesSentiment() {
        return this == SENTIMENT || this == BOTH;
    }

    /** The control tokens put in front of {@code row}'s text, in order (none when the row is marked strip). */
    public List<String> controls(LabelledSentence row) {
        List<String> tokens = new ArrayList<>();
        if (row.strip()) {
            return tokens;
        }
        if (usesToxicity()) {
            tokens.add(row.toxicity().token());
        }
        if (usesSentiment()) {
            tokens.add(row.sentiment().token());
        }
        return tokens;
    }

    /**
     * The conditioning spelt {@code name} ({@link #spelling()}).
     *
     * @throws IllegalArgumentException naming the conditionings there are
     */
    public static Conditioning parse(String name) {
        for (Conditioning value : values()) {
            if (value.spelling().equals(name)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown condition \"" + name + "\": expected "
                + Arrays.stream(values()).map(Conditioning::spelling).collect(Collectors.joining(", ")));
    }
}
