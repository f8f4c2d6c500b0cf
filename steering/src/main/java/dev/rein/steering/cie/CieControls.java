package dev.rein.steering.cie;

import dev.rein.models.LanguageModel;
import dev.rein.models.transformer.Transformer;
import dev.rein.training.adapters.LoraAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model with the folder that {@code rein cie train} wrote for one {@link LengthMethod}: its control tables (none
 * for the prompt and no-control baselines) checked against the model's hidden size, their placeholders added to its
 * tokenizer, a LoRA adapter saved beside them applied, and prompts rendered by the template training used
 * ({@link CieTemplate}): CIE's placeholders at the end of the instruction, the bucket's token there, or the length
 * written into it. What {@code rein generate --cie} and {@code rein serve}'s {@code rein.cie} requests both load; a
 * mistake (a folder that is not such a folder, tables for another model, an unknown signal) is an
 * {@link IllegalArgumentException} whose message names the folder as the caller gave it.
 */
public final class CieControls {
    /** The file of a LoRA adapter saved beside the tables (PEFT's name). */
    public static final String ADAPTER_CONFIG = "adapter_config.json";
    /** The signal every length method controls. */
    public static final String LENGTH = "length";

    private final LengthMethod method;
    private final Path folder;
    private final Transformer transformer;
    private final ControlInjection injection;
    private final PlaceholderTokens placeholders;
    private final Map<String, ControlSignal> signals = new LinkedHashMap<>();
    private final CieTemplate template;
    /** How the baselines ask for a length; null for CIE, whose signals are valued by name. */
    private final LengthControl baseline;

    private CieControls(LanguageModel model, Path folder, String given, Transformer transformer,
                        ControlTableFiles.Saved saved) {
        this.method = saved.method();
        this.folder = folder;
        this.transformer = transformer;
        this.injection = new ControlInjection(saved.tables());
        saved.tables().forEach(table -> signals.put(table.signal().name(), table.signal()));
        List<ControlSignal> all = List.copyOf(signals.values());
        this.placeholders = PlaceholderTokens.add(model.tokenizer(), all);
        boolean chat = !model.tokenizer().tokenizerConfig().chatTemplates().isEmpty();
        TemplateKind recorded = saved.template() != null ? saved.template()
                : chat ? TemplateKind.CHAT : TemplateKind.PLAIN;          // files from before the template was recorded
        this.template = template(model, recorded, given);
        this.baseline = method == LengthMethod.CIE ? null : LengthControl.of(method, all, template, placeholders);
    }

    /**
     * The folder {@code folder} on {@code model}, which must have a tokenizer and the hidden size the tables were
     * trained for; {@code given} says in errors how the user named the folder, e.g. {@code --cie runs/cie/final}.
     */
    public static CieControls load(LanguageModel model, Path folder, String given) throws IOException {
        if (!Files.isRegularFile(folder.resolve(ControlTableFiles.CONFIG_FILE))) {
            throw new IllegalArgumentException(given + ": no " + ControlTableFiles.CONFIG_FILE + " there; rein cie "
                    + "train writes one");
        }
        requireTokenizer(model);
        ControlTableFiles.Saved saved = ControlTableFiles.load(folder, model.config().hiddenSize());
        Transformer transformer = Files.isRegularFile(folder.resolve(ADAPTER_CONFIG))
                ? LoraAdapter.load(folder, model.transformer(), 0).model() : model.transformer();
        return new CieControls(model, folder, given, transformer, saved);
    }

    /** The folder of {@link #load}, which must have been trained by {@code expected}: a user error names both. */
    public static CieControls load(LanguageModel model, Path folder, String given, LengthMethod expected)
            throws IOException {
        CieControls controls = load(model, folder, given);
        if (controls.method != expected) {
            throw new IllegalArgumentException(given + ": trained with --method " + controls.method.id() + ", not "
                    + expected.id() + " (its " + ControlTableFiles.CONFIG_FILE + ")");
        }
        return controls;
    }

    /**
     * The template of {@code kind} for {@code model}, or the one {@link TemplateKind#automatic} picks when it is
     * null; {@code given} names the kind's source in errors (a model lacking what the kind needs).
     */
    public static CieTemplate template(LanguageModel model, TemplateKind kind, String given) {
        requireTokenizer(model);
        try {
            return kind == null ? CieTemplate.of(model)
                    : kind.create(model.tokenizer(), model.config().specialTokens().eos().getFirst());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(given + ": " + e.getMessage());
        }
    }

    /** The template prompts are rendered with, the one training recorded. */
    public CieTemplate template() {
        return template;
    }

    /**
     * The prompt of {@code instruction} with a control per entry of {@code values} (signal name to value): CIE's
     * placeholders appended in that order, or for a baseline its way of asking for {@code length}; {@code where}
     * names the prompt in errors.
     */
    public ControlledTokens prompt(String instruction, Map<String, Double> values, String where) {
        if (method != LengthMethod.CIE) {
            if (method == LengthMethod.NONE || !values.keySet().equals(Set.of(LENGTH))) {
                throw new IllegalArgumentException(folder + " was trained with --method " + method.id() + ", which takes "
                        + (method == LengthMethod.NONE ? "no control: generate without --cie"
                        : "one control, --control length=N"));
            }
            return baseline.prompt(instruction, values.get(LENGTH), where);
        }
        StringBuilder text = new StringBuilder(instruction);
        for (String name : values.keySet()) {
            text.append(signal(name).placeholder());
        }
        return placeholders.take(template.prompt(text.toString()), values, where);
    }

    /**
     * The prompt of {@code instruction} asking for {@code words} words, as this folder's method asks (the no-control
     * baseline: the instruction alone).
     */
    public ControlledTokens lengthPrompt(String instruction, double words, String where) {
        return baseline == null ? prompt(instruction, Map.of(LENGTH, words), where)
                : baseline.prompt(instruction, words, where);
    }

    /** The signal named {@code name}; a user error lists the signals the tables have. */
    public ControlSignal signal(String name) {
        ControlSignal signal = signals.get(name);
        if (signal == null) {
            throw new IllegalArgumentException("no control table for signal " + name + "; the tables have " + signals.keySet());
        }
        return signal;
    }

    /** Generation with these controls on the model (or its adapter). */
    public ControlledGeneration generation() {
        return new ControlledGeneration(transformer, injection);
    }

    private static void requireTokenizer(LanguageModel model) {
        if (!model.hasTokenizer()) {
            throw new IllegalArgumentException("the model " + model.source() + " has no tokenizer.json, which CIE's placeholder "
                    + "needs");
        }
    }
}
