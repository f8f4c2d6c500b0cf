package dev.rein.steering.cie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.autograd.Variable;
import dev.rein.formats.FormatException;
import dev.rein.formats.json.JsonFiles;
import dev.rein.tensor.Tensor;
import dev.rein.training.adapters.ParameterFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The saved CIE tables of a folder: {@value #TENSOR_FILE} holds each signal's [2, H] table as
 * {@code control_embeds.<signal>}, and {@value #CONFIG_FILE} its settings: the {@link LengthMethod} that trained
 * them ({@code method}; {@code cie} when absent, as files written before it was recorded), the {@link TemplateKind}
 * their rows were rendered with ({@code template}), the signals (name, placeholder, min, max), the hidden size and
 * the base model they were trained on. A baseline without tables
 * ({@code prompt}, {@code none}) has an empty list of signals and no tensor. Both files are written atomically
 * ({@link ParameterFiles}).
 */
public final class ControlTableFiles {
    public static final String CONFIG_FILE = "cie_config.json";
    public static final String TENSOR_FILE = "cie_tables.safetensors";
    private static final String PREFIX = "control_embeds.";

    /**
     * What a folder holds.
     *
     * @param method    the method that trained it
     * @param template  the template its rows were rendered with; null in files written before it was recorded,
     *                  which rendered with the chat template when the model had one, else the plain one
     * @param tables    the tables, one per signal (none for the prompt and no-control baselines)
     * @param baseModel the model they were trained on
     */
    public record Saved(LengthMethod method, TemplateKind template, List<ControlTable> tables, String baseModel) {
        public Saved {
            tables = List.copyOf(tables);
        }
    }

    private ControlTableFiles() {
    }

    /**
     * Writes {@code saved} (its base model e.g. a folder or Hub id) for hidden size {@code hidden} into
     * {@code folder}.
     *
     * @throws IllegalArgumentException when the tables' signals are not those of the method, a table has another
     *                                  hidden size, or the template is not given
     */
    public static void save(Path folder, Saved saved, int hidden) throws IOException {
        saved.method().requireSignals(saved.tables().stream().map(ControlTable::signal).toList());
        if (saved.template() == null) {
            throw new IllegalArgumentException("the template the rows were rendered with must be recorded");
        }
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("method", saved.method().id());
        config.put("template", saved.template().id());
        ArrayNode signals = config.putArray("signals");
        Map<String, Variable> tensors = new LinkedHashMap<>();
        for (ControlTable table : saved.tables()) {
            ControlSignal signal = table.signal();
            if (table.hidden() != hidden) {
                throw new IllegalArgumentException("the table of " + signal.name() + " has hidden size "
                        + table.hidden() + ", not " + hidden);
            }
            signals.addObject().put("name", signal.name()).put("placeholder", signal.placeholder())
                    .put("min", signal.min()).put("max", signal.max());
            tensors.put(PREFIX + signal.name(), table.table());
        }
        config.put("hidden_size", hidden);
        config.put("base_model", saved.baseModel());
        ParameterFiles.write(folder, CONFIG_FILE, config, TENSOR_FILE, tensors);
    }

    /**
     * The tables of {@code folder}, as trainable parameters, for a model of hidden size {@code hidden}.
     *
     * @throws FormatException naming the file and field when the settings are missing or malformed, the signals
     *                         are not those of the method, or the tables were trained for another hidden size
     */
    public static Saved load(Path folder, int hidden) throws IOException {
        Path file = folder.resolve(CONFIG_FILE);
        JsonNode config = JsonFiles.read(file);
        int saved = config.path("hidden_size").asInt(-1);
        if (saved != hidden) {
            throw new FormatException(file, "hidden_size", "the control tables are for hidden size "
                    + config.path("hidden_size") + " (base model " + config.path("base_model").asText("?")
                    + "), but this model's hidden size is " + hidden);
        }
        LengthMethod method = method(file, config.path("method"));
        List<ControlSignal> signals = new ArrayList<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        JsonNode list = config.path("signals");
        for (int i = 0; i < list.size(); i++) {
            ControlSignal signal = signal(file, "signals[" + i + "]", list.get(i));
            signals.add(signal);
            shapes.put(PREFIX + signal.name(), new int[] {2, hidden});
        }
        try {
            method.requireSignals(signals);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "signals", e.getMessage());
        }
        Map<String, Tensor> tensors = signals.isEmpty() ? Map.of()
                : ParameterFiles.readTensors(folder.resolve(TENSOR_FILE), shapes);
        List<ControlTable> tables = signals.stream().map(s -> new ControlTable(s,
                Variable.parameter(tensors.get(PREFIX + s.name())))).toList();
        return new Saved(method, template(file, config.path("template")), tables,
                config.path("base_model").asText(""));
    }

    private static TemplateKind template(Path file, JsonNode node) {
        if (node.isMissingNode()) {
            return null;
        }
        try {
            return TemplateKind.of(node.asText());
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "template", e.getMessage());
        }
    }

    private static LengthMethod method(Path file, JsonNode node) {
        if (node.isMissingNode()) {
            return LengthMethod.CIE;
        }
        try {
            return LengthMethod.of(node.asText());
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, "method", e.getMessage());
        }
    }

    private static ControlSignal signal(Path file, String field, JsonNode node) {
        for (String key : List.of("min", "max")) {
            if (!node.path(key).isNumber()) {
                throw new FormatException(file, field + "." + key, "expected a number, found " + node.path(key));
            }
        }
        for (String key : List.of("name", "placeholder")) {
            if (!node.path(key).isTextual()) {
                throw new FormatException(file, field + "." + key, "expected a string, found " + node.path(key));
            }
        }
        try {
            return new ControlSignal(node.get("name").asText(), node.get("placeholder").asText(),
                    node.get("min").asDouble(), node.get("max").asDouble());
        } catch (IllegalArgumentException e) {
            throw new FormatException(file, field, e.getMessage());
        }
    }
}
