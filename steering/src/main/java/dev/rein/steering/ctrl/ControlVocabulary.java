package dev.rein.steering.ctrl;

import dev.rein.text.tokenizer.Tokenizer;
import java.util.Collection;
import java.util.List;

/**
 * Checks that a model can read control tokens: its tokenizer must have each as a special token (so it is never
 * split), and the model's embedding a row for its id. A model resized for the method ({@code rein ctrl train}) has
 * all of them ({@link ControlToken#added()}); any other fails here, before training or generating, with a message
 * that names what is missing.
 */
public final class ControlVocabulary {
    private ControlVocabulary() {
    }

    /**
     * The id of special token {@code piece} (a control token's text or {@link ControlToken#PAD}) in {@code tokenizer}.
     *
     * @param model names the model in the message, e.g. its folder
     * @throws IllegalArgumentException (one line, naming {@code model} and the token) when the tokenizer lacks it as
     *                                  a special token
     */
    public static int id(Tokenizer tokenizer, String piece, String model) {
        if (!has(tokenizer, piece)) throw missing(model, List.of(piece));
        return tokenizer.pieceToId(piece);
    }

    /**
     * Checks {@code tokens} against a tokenizer and the model's vocabulary size.
     *
     * @param model names the model in the message, e.g. {@code --model out/ctrl}
     * @throws IllegalArgumentException naming every token the tokenizer lacks, or one whose id the model has no
     *                                  embedding for
     */
    public static void check(Tokenizer tokenizer, int modelVocabulary, Collection<ControlToken> tokens, String model) {
        List<String> missing = tokens.stream().map(ControlToken::text).filter(text -> !has(tokenizer, text)).toList();
        if (!missing.isEmpty()) throw missing(model, missing);
        for (ControlToken token : tokens) {
            int id = tokenizer.pieceToId(token.text());
            if (id >= modelVocabulary) {
                throw new IllegalArgumentException(model + ": its tokenizer has " + token.text() + " as id " + id
                        + " but the model's embedding has " + modelVocabulary + " rows; train it with the tokens "
                        + "(rein ctrl train resizes the embedding)");
            }
        }
    }

    private static boolean has(Tokenizer tokenizer, String piece) {
        int id = tokenizer.pieceToId(piece);
        return id >= 0 && tokenizer.isSpecial(id);
    }

    private static IllegalArgumentException missing(String model, List<String> pieces) {
        return new IllegalArgumentException(model + ": its tokenizer has no special token " + String.join(", ", pieces)
                + "; control tokens need a model trained with them (rein ctrl train)");
    }
}
