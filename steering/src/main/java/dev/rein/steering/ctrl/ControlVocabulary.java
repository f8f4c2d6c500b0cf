package dev.rein.steering.ctrl;

import dev.rein.text.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Checks that a model can read control tokens: its tokenizer must have each as a special token (so it is never
 * split), and the model's embedding a row for its id. A model resized for the method ({@code rein ctrl train}) has
 * all of them; any other fails here, before generating, with a message that names what is missing.
 */
public final class ControlVocabulary {
    private ControlVocabulary() {
    }

    /**
     * Checks {@code tokens} against a tokenizer and the model's vocabulary size.
     *
     * @param model names the model in the message, e.g. {@code --model out/ctrl}
     * @throws IllegalArgumentException naming every token the tokenizer lacks, or one whose id the model has no
     *                                  embedding for
     */
    public static void check(Tokenizer tokenizer, int modelVocabulary, Collection<ControlToken> tokens, String model) {
        List<String> missing = new ArrayList<>();
        for (ControlToken token : tokens) {
            int id = tokenizer.pieceToId(token.text());
            if (id < 0 || !tokenizer.isSpecial(id)) {
                missing.add(token.text());
            } else if (id >= modelVocabulary) {
                throw new IllegalArgumentException(model + ": its tokenizer has " + token.text() + " as id " + id
                        + " but the model's embedding has " + modelVocabulary + " rows; train it with the tokens "
                        + "(rein ctrl train resizes the embedding)");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(model + ": its tokenizer has no special token " + String.join(", ",
                    missing) + "; control tokens need a model trained with them (rein ctrl train)");
        }
    }
}
