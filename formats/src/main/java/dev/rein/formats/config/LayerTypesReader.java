package dev.rein.formats.config;

import dev.rein.formats.json.JsonFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Decides which layers use sliding-window attention, as Hugging Face does for each family:
 * <ul>
 *   <li>Llama, Gemma: none.</li>
 *   <li>Mistral: every layer when {@code sliding_window} is set (default 4096; {@code layer_types} is ignored, as
 *       Hugging Face's MistralConfig ignores it).</li>
 *   <li>Qwen2, Qwen3: only when {@code use_sliding_window} is true (default false); then {@code layer_types} if
 *       given, else the layers from {@code max_window_layers} (default 28) on.</li>
 *   <li>Gemma2: {@code layer_types} if given, else the even layers (0, 2, 4, ...).</li>
 *   <li>Gemma3: {@code layer_types} if given, else all but every {@code sliding_window_pattern}-th layer
 *       (default 6: layers 5, 11, 17, ... are global).</li>
 * </ul>
 */
final class LayerTypesReader {
    /** Per-layer types, and the window, present exactly when some layer slides. */
    record Result(List<LayerType> layerTypes, OptionalInt slidingWindow) {
    }

    private LayerTypesReader() {
    }

    static Result read(ModelFamily family, JsonFields config, int numLayers) {
        OptionalInt window = config.optionalPositiveInteger("sliding_window", HfDefaults.slidingWindow(family));
        List<LayerType> types = switch (family) {
            case LLAMA, GEMMA, GPT2 -> uniform(numLayers, LayerType.FULL);
            case MISTRAL -> uniform(numLayers, window.isPresent() ? LayerType.SLIDING : LayerType.FULL);
            case QWEN2, QWEN3 -> {
                int firstSliding = config.count("max_window_layers", HfDefaults.qwenMaxWindowLayers());
                if (!config.bool("use_sliding_window", false)) yield uniform(numLayers, LayerType.FULL);
                yield explicitOr(config, numLayers, () -> qwenDerived(numLayers, window, firstSliding));
            }
            case GEMMA2 -> explicitOr(config, numLayers, () -> everyNthFull(numLayers, 2));
            case GEMMA3 -> {
                int pattern = config.positiveInteger("sliding_window_pattern", HfDefaults.gemma3SlidingWindowPattern());
                yield explicitOr(config, numLayers, () -> everyNthFull(numLayers, pattern));
            }
        };
        if (!types.contains(LayerType.SLIDING)) return new Result(types, OptionalInt.empty());
        if (window.isEmpty()) {
            throw config.error("sliding_window", "missing, but layers " + slidingIndices(types)
                    + " use sliding_attention");
        }
        return new Result(types, window);
    }

    private static List<LayerType> explicitOr(JsonFields config, int numLayers, Supplier<List<LayerType>> derivation) {
        List<String> names = config.optionalStringList("layer_types").orElse(null);
        if (names == null) return derivation.get();
        if (names.size() != numLayers) {
            throw config.error("layer_types", "expected one entry per layer (" + numLayers + "), found "
                    + names.size());
        }
        List<LayerType> types = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            types.add(parse(config, i, names.get(i)));
        }
        return List.copyOf(types);
    }

    private static LayerType parse(JsonFields config, int index, String name) {
        for (LayerType type : LayerType.values()) {
            if (type.hfName().equals(name)) return type;
        }
        throw config.error("layer_types[" + index + "]",
                "expected \"full_attention\" or \"sliding_attention\", found \"" + name + "\"");
    }

    private static List<LayerType> qwenDerived(int numLayers, OptionalInt window, int firstSliding) {
        if (window.isEmpty()) return uniform(numLayers, LayerType.FULL);
        List<LayerType> types = new ArrayList<>();
        for (int i = 0; i < numLayers; i++) {
            types.add(i >= firstSliding ? LayerType.SLIDING : LayerType.FULL);
        }
        return List.copyOf(types);
    }

    /** Layers {@code n-1, 2n-1, ...} are full, the others slide. */
    private static List<LayerType> everyNthFull(int numLayers, int n) {
        List<LayerType> types = new ArrayList<>();
        for (int i = 0; i < numLayers; i++) {
            types.add((i + 1) % n == 0 ? LayerType.FULL : LayerType.SLIDING);
        }
        return List.copyOf(types);
    }

    private static List<LayerType> uniform(int numLayers, LayerType type) {
        return Collections.nCopies(numLayers, type);
    }

    private static List<Integer> slidingIndices(List<LayerType> types) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i) == LayerType.SLIDING) indices.add(i);
        }
        return indices;
    }
}
