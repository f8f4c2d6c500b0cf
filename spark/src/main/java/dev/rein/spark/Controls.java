package dev.rein.spark;

import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.Hooks;
import dev.rein.steering.ctrl.ControlToken;
import dev.rein.steering.ctrl.ControlVocabulary;
import dev.rein.steering.ctrl.Placement;
import dev.rein.steering.vector.ControlVector;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The control applied to every row of a generation job: control tokens ({@code rein ctrl}) put in each prompt at
 * their placement, as {@code rein generate --control-tokens} does, and steering vectors ({@code rein steer build})
 * added at their layers times a strength, as {@code rein generate --steering-vector} does; none for plain generation.
 * A vector is named by its file, which each executor reads: a path every executor sees, or the name of a file
 * spark-submit shipped with {@code --files}.
 *
 * @param tokens    the control tokens, in order (empty: none)
 * @param placement where they go in the prompt
 * @param vectors   the steering vectors, in order (empty: none)
 */
public record Controls(List<ControlToken> tokens, Placement placement, List<SteeringVectorFile> vectors)
        implements Serializable {

    /** A steering vector file and its strength. */
    public record SteeringVectorFile(String file, float strength) implements Serializable {
    }

    public Controls {
        tokens = List.copyOf(tokens);
        vectors = List.copyOf(vectors);
    }

    /** Plain generation. */
    public static Controls none() {
        return new Controls(List.of(), Placement.START, List.of());
    }

    /** Control tokens at {@code placement}. */
    public static Controls tokens(List<ControlToken> tokens, Placement placement) {
        return new Controls(tokens, placement, List.of());
    }

    /** These controls and the steering vector in {@code file} times {@code strength}. */
    public Controls withSteeringVector(String file, float strength) {
        List<SteeringVectorFile> more = new ArrayList<>(vectors);
        more.add(new SteeringVectorFile(file, strength));
        return new Controls(tokens, placement, more);
    }

    /** The text to encode for {@code prompt}. */
    public String prompt(String prompt) {
        return tokens.isEmpty() ? prompt : placement.prompt(prompt, tokens);
    }

    /**
     * The hooks that add the steering vectors to {@code model}'s residual stream (none without vectors).
     *
     * @throws IllegalArgumentException when a vector does not fit the model
     * @throws IOException              when a vector's file cannot be read (a FormatException names the field)
     */
    public Hooks hooks(LanguageModel model) throws IOException {
        Hooks hooks = new Hooks();
        for (SteeringVectorFile vector : vectors) {
            ControlVector read = ControlVector.read(local(vector.file()));
            read.requireFits(model.config().hiddenSize(), model.config().numLayers(), vector.file());
            read.addTo(hooks, vector.strength());
        }
        return hooks;
    }

    /**
     * Checks that {@code model} can take these controls.
     *
     * @throws IllegalArgumentException when its tokenizer or embedding lacks a control token, or a steering vector
     *                                  does not fit it
     * @throws IOException              when a steering vector's file cannot be read
     */
    public void check(LanguageModel model, String modelName) throws IOException {
        if (!tokens.isEmpty()) {
            ControlVocabulary.check(model.tokenizer(), model.config().vocabSize(), tokens, modelName);
        }
        hooks(model);
    }

    /** The vector file on this JVM: the path when it exists here, else the file Spark shipped under that name. */
    private static Path local(String file) {
        Path path = Path.of(file);
        if (Files.exists(path)) {
            return path;
        }
        Path shipped = ModelRef.shipped(file);
        return shipped == null ? path : shipped;      // a missing file: ControlVector.read names it
    }
}
