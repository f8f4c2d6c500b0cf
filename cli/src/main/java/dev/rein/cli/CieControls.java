package dev.rein.cli;

import dev.rein.models.LanguageModel;
import dev.rein.models.transformer.Transformer;
import dev.rein.steering.cie.CieTemplate;
import dev.rein.steering.cie.ControlInjection;
import dev.rein.steering.cie.ControlSignal;
import dev.rein.steering.cie.ControlTable;
import dev.rein.steering.cie.ControlTableFiles;
import dev.rein.steering.cie.ControlledGeneration;
import dev.rein.steering.cie.ControlledTokens;
import dev.rein.steering.cie.PlaceholderTokens;
import dev.rein.training.adapters.LoraAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model with the CIE control tables of a folder that {@code rein cie train} wrote: the tables checked against the
 * model's hidden size, their placeholders added to its tokenizer, a LoRA adapter saved beside them applied, and
 * prompts rendered by the template training used ({@link CieTemplate}), the placeholders at the end of the
 * instruction.
 */
final class CieControls {
    /** The file of a LoRA adapter saved beside the tables (PEFT's name). */
    static final String ADAPTER_CONFIG = "adapter_config.json";

    private final Transformer transformer;
    private final ControlInjection injection;
    private final PlaceholderTokens placeholders;
    private final Map<String, ControlSignal> signals = new LinkedHashMap<>();
    private final CieTemplate template;

    private CieControls(LanguageModel model, Transformer transformer, List<ControlTable> tables) {
        this.transformer = transformer;
        this.injection = new ControlInjection(tables);
        tables.forEach(table -> signals.put(table.signal().name(), table.signal()));
        this.placeholders = PlaceholderTokens.add(model.tokenizer(), List.copyOf(signals.values()));
        this.template = template(model);
    }

    /**
     * The tables of {@code folder} (given as {@code option}) on {@code model}, which must have a tokenizer and the
     * hidden size the tables were trained for.
     */
    static CieControls load(LanguageModel model, Path folder, String option) throws IOException {
        if (!Files.isRegularFile(folder.resolve(ControlTableFiles.CONFIG_FILE))) {
            throw new UserError(option + " " + folder + ": no " + ControlTableFiles.CONFIG_FILE + " there; rein cie "
                    + "train writes one");
        }
        requireTokenizer(model);
        ControlTableFiles.Saved saved = ControlTableFiles.load(folder, model.config().hiddenSize());
        Transformer transformer = Files.isRegularFile(folder.resolve(ADAPTER_CONFIG))
                ? LoraAdapter.load(folder, model.transformer(), 0).model() : model.transformer();
        return new CieControls(model, transformer, saved.tables());
    }

    /** The template CIE renders prompts of {@code model} with: its chat template, else instruction and newline. */
    static CieTemplate template(LanguageModel model) {
        requireTokenizer(model);
        return CieTemplate.of(model.tokenizer(), model.config().specialTokens().eos().getFirst());
    }

    /**
     * The prompt of {@code instruction} with a control per entry of {@code values} (signal name to value), the
     * placeholders appended in that order; {@code where} names the prompt in errors.
     */
    ControlledTokens prompt(String instruction, Map<String, Double> values, String where) {
        StringBuilder text = new StringBuilder(instruction);
        for (String name : values.keySet()) {
            text.append(signal(name).placeholder());
        }
        return placeholders.take(template.prompt(text.toString()), values, where);
    }

    /** The signal named {@code name}; a user error lists the signals the tables have. */
    ControlSignal signal(String name) {
        ControlSignal signal = signals.get(name);
        if (signal == null) {
            throw new UserError("no control table for signal " + name + "; the tables have " + signals.keySet());
        }
        return signal;
    }

    /** Generation with these controls on the model (or its adapter). */
    ControlledGeneration generation() {
        return new ControlledGeneration(transformer, injection);
    }

    private static void requireTokenizer(LanguageModel model) {
        if (!model.hasTokenizer()) {
            throw new UserError("the model " + model.source() + " has no tokenizer.json, which CIE's placeholder "
                    + "needs");
        }
    }
}
