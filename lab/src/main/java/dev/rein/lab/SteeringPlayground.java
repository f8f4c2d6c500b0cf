package dev.rein.lab;

import dev.rein.models.LanguageModel;
import dev.rein.models.generation.Completion;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.models.hooks.Hooks;
import dev.rein.serve.ServerAssets;
import dev.rein.steering.cie.CieControls;
import dev.rein.steering.cie.ControlledTokens;
import dev.rein.steering.recontrol.ValueGuidance;
import dev.rein.steering.vector.ContrastMethod;
import dev.rein.steering.vector.ContrastPair;
import dev.rein.steering.vector.ControlVector;
import dev.rein.steering.vector.ControlVectors;
import dev.rein.text.tokenizer.DecodeOption;
import dev.rein.text.tokenizer.StreamingDecoder;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The steering playground: steering vectors built from two sets of prompts (the mean difference of their last-token
 * residual states at one layer, {@link ControlVectors} with {@link ContrastMethod#MEAN_DIFFERENCE}) or loaded from
 * a saved file ({@link ServerAssets}, as {@code rein serve --steering-vector} loads them), and generations of one
 * prompt without and with control, side by side.
 */
public final class SteeringPlayground {
    private final LanguageModel model;
    private final ServerAssets assets;
    private final Map<String, ControlVector> built = new TreeMap<>();

    public SteeringPlayground(LanguageModel model, ServerAssets assets) {
        this.model = model;
        this.assets = assets;
    }

    /**
     * What the steered side applies: a steering vector times a strength and RE-Control's guidance (both as hooks,
     * either may be absent), or CIE's control values (alone: it renders the prompt as CIE training did).
     *
     * @param vector   the steering vector, or null
     * @param strength its strength
     * @param guidance RE-Control's value guidance, or null
     * @param cie      CIE's tables, or null
     * @param values   CIE's control values (with {@code cie})
     */
    public record Control(ControlVector vector, float strength, ValueGuidance guidance, CieControls cie,
                          Map<String, Double> values) {
    }

    /** Both sides' texts. */
    public record SideBySide(String plain, String steered) {
    }

    /**
     * Builds the vector of {@code positive} minus {@code negative} prompts (paired in order) at {@code layer} and
     * keeps it as {@code name}, replacing one built before under that name.
     *
     * @throws IllegalArgumentException when the sets are empty or differ in size, or the layer is not the model's
     */
    public synchronized ControlVector build(String name, List<String> positive, List<String> negative, int layer) {
        if (positive.isEmpty() || positive.size() != negative.size()) {
            throw new IllegalArgumentException("the positive and negative prompts are paired in order: give the same "
                    + "number of each, at least one, got " + positive.size() + " and " + negative.size());
        }
        List<ContrastPair> pairs = new ArrayList<>();
        for (int i = 0; i < positive.size(); i++) pairs.add(new ContrastPair(positive.get(i), negative.get(i)));
        ControlVector vector = ControlVectors.build(model, pairs, List.of(layer), ContrastMethod.MEAN_DIFFERENCE);
        built.put(name, vector);
        return vector;
    }

    /** Loads the saved vector in {@code file} (rein steer build's) as {@code name}. */
    public synchronized void load(String name, Path file) throws IOException {
        if (built.containsKey(name)) throw new IllegalArgumentException("asset name '" + name + "' is already taken");
        assets.addSteeringVector(name, file);
    }

    /** The vector named {@code name}: built here, or loaded. */
    public synchronized Optional<ControlVector> vector(String name) {
        return Optional.ofNullable(built.get(name)).or(() -> assets.steeringVector(name));
    }

    /** The names of the vectors built here. */
    public synchronized List<String> builtNames() {
        return List.copyOf(built.keySet());
    }

    /**
     * Generates from {@code prompt} without control, then with {@code control}, streaming each side's text to
     * {@code sink} as it is decoded.
     */
    public SideBySide generate(String prompt, SamplingSettings settings, Control control, TextSink sink) {
        Tokenizer tokenizer = model.tokenizer();
        int[] ids = tokenizer.encode(prompt);
        Generator generator = new Generator(model.transformer());
        String plain = text(generator.generate(ids, settings, options(Hooks.none(), "plain", sink)));
        String steered;
        if (control.cie() != null) {
            ControlledTokens controlled = control.cie().prompt(prompt, control.values(), "cie");
            steered = text(control.cie().generation().generate(List.of(controlled), settings,
                    options(Hooks.none(), "steered", sink)));
        } else {
            Hooks hooks = new Hooks();
            if (control.vector() != null) control.vector().addTo(hooks, control.strength());
            if (control.guidance() != null) control.guidance().addTo(hooks);
            steered = text(generator.generate(ids, settings, options(hooks, "steered", sink)));
        }
        return new SideBySide(plain, steered);
    }

    private GenerationOptions options(Hooks hooks, String side, TextSink sink) {
        StreamingDecoder decoder = model.tokenizer().streamingDecoder(DecodeOption.SKIP_SPECIAL_TOKENS);
        return GenerationOptions.NONE.withHooks(hooks).withStopStringsDecodedBy(model.tokenizer())
                .withListener((row, token) -> {
                    String text = decoder.push(token);
                    if (!text.isEmpty()) sink.text(side, text);
                });
    }

    private String text(List<GeneratedSequence> sequences) {
        return Completion.of(model.tokenizer(), sequences.getFirst()).text();
    }
}
