package dev.rein.eval.length;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.eval.MetricReport;
import dev.rein.formats.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Length-control methods scored on the same rows ({@link LengthEvaluation}) and compared with a baseline. The
 * headline is the relative MAE reduction, {@code (MAE_baseline − MAE_method) / MAE_baseline} (0.37 is the paper's
 * "37% lower error"), per group of rows. It prints as one table ({@link #table()}), writes as JSON
 * ({@link #writeJson}), as per-row predictions ({@link LengthPredictionsFile}) and as a sweep plot
 * ({@link LengthSweepPlot}).
 */
public final class LengthComparison {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String MAE = "mean_absolute_error";

    private final List<LengthRow> rows;
    private final String baseline;
    private final Map<String, Object> settings;
    private final List<MethodScores> methods;

    LengthComparison(List<LengthRow> rows, String baseline, Map<String, Object> settings, List<MethodScores> methods) {
        this.rows = List.copyOf(rows);
        this.baseline = baseline;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.methods = List.copyOf(methods);
    }

    /** The rows the methods answered. */
    public List<LengthRow> rows() {
        return rows;
    }

    /** The name of the method the others are compared with. */
    public String baseline() {
        return baseline;
    }

    /** The settings the scores were computed with: baseline, bin width, unseen values, tolerances. */
    public Map<String, Object> settings() {
        return settings;
    }

    /** Each method's scores, in the order the methods were given. */
    public List<MethodScores> methods() {
        return methods;
    }

    /** The scores of the method named {@code name}; an IllegalArgumentException names the methods there are. */
    public MethodScores method(String name) {
        return methods.stream().filter(method -> method.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no method " + name + "; there are "
                        + methods.stream().map(MethodScores::name).toList()));
    }

    /**
     * {@code (MAE_baseline − MAE_method) / MAE_baseline} over the rows of {@code group}: positive when the method's
     * error is lower. NaN when the group has no exact targets or the baseline's MAE there is 0.
     */
    public double maeReduction(String name, String group) {
        MetricReport base = method(baseline).groups().get(group);
        MetricReport own = method(name).groups().get(group);
        if (base == null || own == null || !has(base, MAE) || base.value(MAE) == 0) return Double.NaN;
        return (base.value(MAE) - own.value(MAE)) / base.value(MAE);
    }

    /** One table with the methods side by side (see {@link LengthComparisonTable}). */
    public String table() {
        return LengthComparisonTable.of(this);
    }

    /**
     * The comparison as JSON: {@code {"rows", "settings", "methods": [{"name", "spearman", "groups": {GROUP:
     * {"rows", "values": {...}, "mae_reduction_vs_baseline"}}}]}}; a number that is not finite is {@code null}.
     */
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("rows", rows.size());
        root.set("settings", JSON.valueToTree(settings));
        var list = root.putArray("methods");
        for (MethodScores method : methods) {
            ObjectNode entry = list.addObject().put("name", method.name());
            number(entry, "spearman", method.spearman());
            ObjectNode groups = entry.putObject("groups");
            method.groups().forEach((group, report) -> {
                ObjectNode node = groups.putObject(group).put("rows", report.rows());
                ObjectNode values = node.putObject("values");
                report.values().forEach(value -> values.put(value.name(), value.value()));
                number(node, "mae_reduction_vs_baseline", maeReduction(method.name(), group));
            });
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("settings are not JSON values: " + settings, e);
        }
    }

    /** Writes {@link #json()} to {@code file} atomically (a temporary file, then a rename). */
    public void writeJson(Path file) throws IOException {
        AtomicFiles.write(file, json().getBytes(StandardCharsets.UTF_8));
    }

    static boolean has(MetricReport report, String value) {
        return report.values().stream().anyMatch(entry -> entry.name().equals(value));
    }

    private static void number(ObjectNode node, String name, double value) {
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
    }
}
