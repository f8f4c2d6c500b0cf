package dev.rein.spark;

import dev.rein.models.LanguageModel;
import dev.rein.steering.ctrl.ControlToken;
import dev.rein.steering.ctrl.ControlVocabulary;
import dev.rein.steering.ctrl.Placement;
import java.io.Serializable;
import java.util.List;

/**
 * The control applied to every row of a generation job: control tokens ({@code rein ctrl}) put in each prompt at
 * their placement, as {@code rein generate --control-tokens} does; none for plain generation.
 *
 * @param tokens    the control tokens, in order (empty: none)
 * @param placement where they go in the prompt
 */
public record Controls(List<ControlToken> tokens, Placement placement) implements Serializable {

    public Controls {
        tokens = List.copyOf(tokens);
    }

    /** Plain generation. */
    public static Controls none() {
        return new Controls(List.of(), Placement.START);
    }

    /** Control tokens at {@code placement}. */
    public static Controls tokens(List<ControlToken> tokens, Placement placement) {
        return new Controls(tokens, placement);
    }

    /** The text to encode for {@code prompt}. */
    public String prompt(String prompt) {
        return tokens.isEmpty() ? prompt : placement.prompt(prompt, tokens);
    }

    /**
     * Checks that {@code model} can take these controls.
     *
     * @throws IllegalArgumentException when its tokenizer or embedding lacks a control token
     */
    public void check(LanguageModel model, String modelName) {
        if (!tokens.isEmpty()) {
            ControlVocabulary.check(model.tokenizer(), model.config().vocabSize(), tokens, modelName);
        }
    }
}
