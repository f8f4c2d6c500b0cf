package dev.rein.steering.ctrl;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The control tokens of the control-token method (METHODS.md 2.1): two of toxicity and three of sentiment, each a
 * special token {@code <|label|>} of the resized tokenizer and a label of the labelled files ({@code "toxicity":
 * "nontoxic"}). {@code <|neu|>} exists in the seed's tokenizer but its labelling never gives it; Rein's gives it
 * only when asked ({@link SentimentTies#NEU}). The declaration order is the order in which the seed adds them to the
 * tokenizer after {@link #PAD} ({@link #added()}), so GPT-2's 50257 tokens become 50263 with {@code [PAD]} = 50257 up
 * to {@code <|neg|>} = 50262.
 */
public enum ControlToken {
    NONTOXIC(Attribute.TOXICITY),
    TOXIC(Attribute.TOXICITY),
    POS(Attribute.SENTIMENT),
    NEU(Attribute.SENTIMENT),
    NEG(Attribute.SENTIMENT);

    /** The seed's pad token, added with the control tokens and masked out of the loss. */
    public static final String PAD = "[PAD]";

    /** What a token says something about; its name is the field of labelled rows that holds the label. */
    public enum Attribute {
        TOXICITY, SENTIMENT;

        /** The field of a labelled row: {@code toxicity} or {@code sentiment}. */
        public String field() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The tokens of this attribute, in declaration order. */
        public List<ControlToken> tokens() {
            return Arrays.stream(ControlToken.values()).filter(token -> token.attribute == this).toList();
        }
    }

    private final Attribute attribute;

    ControlToken(Attribute attribute) {
        this.attribute = attribute;
    }

    public Attribute attribute() {
        return attribute;
    }

    /** The label in labelled files and on the command line: {@code nontoxic}, {@code pos}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The special token's text: {@code <|nontoxic|>}. */
    public String text() {
        return "<|" + label() + "|>";
    }

    /**
     * The token a user names by its label or its text ({@code nontoxic} or {@code <|nontoxic|>}).
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static ControlToken parse(String name) {
        String label = name.strip();
        if (label.startsWith("<|") && label.endsWith("|>") && label.length() > 4) {
            label = label.substring(2, label.length() - 2);
        }
        for (ControlToken token : values()) {
            if (token.label().equals(label)) return token;
        }
        throw new IllegalArgumentException("unknown control token \"" + name + "\"; expected one of "
                + Arrays.stream(values()).map(ControlToken::label).collect(Collectors.joining(", "))
                + " (or the token itself, e.g. <|nontoxic|>)");
    }

    /** The tokens' texts one after the other, as they follow a prompt: {@code <|nontoxic|><|pos|>}. */
    public static String texts(List<ControlToken> tokens) {
        return tokens.stream().map(ControlToken::text).collect(Collectors.joining());
    }

    /** Every special token the method adds to a tokenizer, in the seed's order: {@link #PAD}, then each token's text. */
    public static List<String> added() {
        return Stream.concat(Stream.of(PAD), Arrays.stream(values()).map(ControlToken::text)).toList();
    }

    /** The first token whose text {@code text} holds, if any. */
    public static Optional<ControlToken> foundIn(String text) {
        return Arrays.stream(values()).filter(token -> text.contains(token.text())).findFirst();
    }
}
