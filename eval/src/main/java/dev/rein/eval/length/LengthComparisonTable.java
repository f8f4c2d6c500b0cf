package dev.rein.eval.length;

import dev.rein.eval.MetricReport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A {@link LengthComparison} as aligned text: a heading with the row count and settings, then one line per group
 * and value with a column per method: each length metric, {@code mae_reduction} (against the baseline, as a
 * percentage; positive is lower error) after the MAE, and Spearman's rho under {@code all}. A value a method lacks
 * for a group, or that is not finite, is {@code -}.
 */
final class LengthComparisonTable {
    private static final int COLUMN = 12;

    private LengthComparisonTable() {
    }

    static String of(LengthComparison comparison) {
        List<MethodScores> methods = comparison.methods();
        List<String[]> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("group", "value"));
        methods.forEach(method -> header.add(method.name()));
        lines.add(header.toArray(String[]::new));
        for (String group : groups(methods)) {
            for (String value : values(methods, group)) {
                lines.add(line(group, value, methods, method -> cell(method.groups().get(group), value)));
                if (value.equals("mean_absolute_error")) {
                    lines.add(line(group, "mae_reduction", methods,
                            method -> percent(comparison.maeReduction(method.name(), group))));
                }
            }
            if (group.equals(MethodScores.ALL)) {
                lines.add(line(group, "spearman", methods, method -> number(method.spearman())));
            }
        }
        StringBuilder text = new StringBuilder("length control: ").append(comparison.rows().size()).append(" rows");
        comparison.settings().forEach((name, setting) -> text.append(", ").append(name).append('=').append(setting));
        text.append('\n');
        int[] widths = widths(lines);
        for (String[] line : lines) {
            text.append(String.format(Locale.ROOT, "%-" + widths[0] + "s  %-" + widths[1] + "s", line[0], line[1]));
            for (int column = 2; column < line.length; column++) {
                text.append(String.format(Locale.ROOT, "  %" + widths[column] + "s", line[column]));
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static Set<String> groups(List<MethodScores> methods) {
        Set<String> groups = new LinkedHashSet<>();
        methods.forEach(method -> groups.addAll(method.groups().keySet()));
        return groups;
    }

    private static Set<String> values(List<MethodScores> methods, String group) {
        Set<String> values = new LinkedHashSet<>();
        for (MethodScores method : methods) {
            MetricReport report = method.groups().get(group);
            if (report != null) report.values().forEach(value -> values.add(value.name()));
        }
        return values;
    }

    private static String[] line(String group, String value, List<MethodScores> methods,
                                 Function<MethodScores, String> cell) {
        String[] line = new String[methods.size() + 2];
        line[0] = group;
        line[1] = value;
        for (int i = 0; i < methods.size(); i++) line[i + 2] = cell.apply(methods.get(i));
        return line;
    }

    private static String cell(MetricReport report, String value) {
        return report == null || !LengthComparison.has(report, value) ? "-" : number(report.value(value));
    }

    private static String number(double value) {
        if (!Double.isFinite(value)) return "-";
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return String.format(Locale.ROOT, "%d", (long) value);
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String percent(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f%%", 100 * value) : "-";
    }

    private static int[] widths(List<String[]> lines) {
        int[] widths = new int[lines.getFirst().length];
        for (String[] line : lines) {
            for (int column = 0; column < line.length; column++) {
                widths[column] = Math.max(Math.max(widths[column], line[column].length()), column < 2 ? 0 : COLUMN);
            }
        }
        return widths;
    }
}
