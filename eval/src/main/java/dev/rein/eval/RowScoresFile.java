package dev.rein.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A report's per-row scores as JSON Lines, one object per input row in input order: {@code line} (the row's line
 * in the input file), the row's {@code id} when it has one, then the row's scores ({@link RowScore}), e.g.
 * {@code {"line":3,"id":"q17","toxicity":0.91,"toxic":true,"empty":false}}. {@code rein eval} writes it beside the
 * JSON report, so that the rows behind a bad mean can be found with {@code jq} or a spreadsheet.
 */
public final class RowScoresFile {
    /** The fields copied from each input row to name it, beside its line number. */
    public static final List<String> ID_FIELDS = List.of("id");
    /** The field holding the row's line in the input file. */
    public static final String LINE = "line";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RowScoresFile() {
    }

    /**
     * The JSON Lines text of {@code report}'s row scores, the rows read from {@code rows}.
     *
     * @throws IllegalArgumentException when the report does not hold one score per row of {@code rows}
     */
    public static String jsonl(PredictionRows rows, MetricReport report) {
        List<RowScore> scores = report.perRow();
        if (scores.size() != rows.size()) {
            throw new IllegalArgumentException(report.metric() + " holds " + scores.size() + " row scores for the "
                    + rows.size() + " rows of " + rows.file());
        }
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < scores.size(); row++) {
            ObjectNode line = JSON.createObjectNode().put(LINE, rows.line(row));
            for (String field : ID_FIELDS) {
                if (rows.field(row, field) != null) line.set(field, rows.field(row, field));
            }
            scores.get(row).values().forEach((name, value) -> line.set(name, JSON.valueToTree(value)));
            try {
                text.append(JSON.writeValueAsString(line)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("row scores are numbers, flags, labels and lists: " + line, e);
            }
        }
        return text.toString();
    }

    /** Writes {@link #jsonl} to {@code file} atomically (a temporary file, then a rename). */
    public static void write(Path file, PredictionRows rows, MetricReport report) throws IOException {
        AtomicFiles.write(file, jsonl(rows, report).getBytes(StandardCharsets.UTF_8));
    }
}
