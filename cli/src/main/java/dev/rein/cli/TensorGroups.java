package dev.rein.cli;

import dev.rein.formats.safetensors.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folds the per-layer tensors of a checkpoint into one line per kind, so that a 32-layer model lists a dozen lines,
 * not four hundred: {@code model.layers.{0..31}.mlp.up_proj.weight  BF16 [11008, 4096]  x32}. Tensors whose
 * layers differ in dtype or shape stay on separate lines.
 */
final class TensorGroups {
    private static final Pattern LAYER_INDEX = Pattern.compile("\\.(\\d+)\\.");

    /** One printed line: a name pattern, the dtype and shape shared by its tensors, and which layers it covers. */
    record Group(String pattern, String dtype, int[] shape, List<Integer> layers) {
        String name() {
            if (layers.isEmpty()) return pattern;
            String range = layers.size() == 1 ? String.valueOf(layers.getFirst())
                    : isConsecutive() ? layers.getFirst() + ".." + layers.getLast()
                    : String.join(",", layers.stream().map(String::valueOf).toList());
            return pattern.replace("{i}", "{" + range + "}");
        }

        private boolean isConsecutive() {
            return layers.getLast() - layers.getFirst() == layers.size() - 1;
        }
    }

    private TensorGroups() {
    }

    /** Groups tensors (in the given order) by name with the first layer index replaced by {@code {i}}. */
    static List<Group> of(List<TensorInfo> tensors) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (TensorInfo info : tensors) {
            Matcher index = LAYER_INDEX.matcher(info.name());
            boolean perLayer = index.find();
            String pattern = perLayer
                    ? info.name().substring(0, index.start()) + ".{i}." + info.name().substring(index.end())
                    : info.name();
            Group group = groups.computeIfAbsent(pattern + " " + info.dtype() + " " + Arrays.toString(info.shape()),
                    key -> new Group(pattern, info.dtype().name(), info.shape(), new ArrayList<>()));
            if (perLayer) group.layers().add(Integer.parseInt(index.group(1)));
        }
        groups.values().forEach(group -> group.layers().sort(null));
        return List.copyOf(groups.values());
    }
}
