package dev.rein.eval.length;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The per-row predictions of a {@link LengthComparison} as JSON Lines, method after method and row after row, as
 * CIE's {@code eval.py} writes its {@code {"prediction": ...}} lines, with what scoring needs beside it:
 * {@code {"method", "line", "prediction", "target", "words"}} and, for a range row, its {@code min} and {@code max}
 * ({@code target} is then the row's control value, the max).
 */
public final class LengthPredictionsFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LengthPredictionsFile() {
    }

    /** The JSON Lines text of every method's predictions. */
    public static String jsonl(LengthComparison comparison) {
        StringBuilder text = new StringBuilder();
        for (MethodScores method : comparison.methods()) {
            for (int i = 0; i < comparison.rows().size(); i++) {
                LengthRow row = comparison.rows().get(i);
                ObjectNode line = JSON.createObjectNode().put("method", method.name()).put("line", row.line())
                        .put("prediction", method.responses().get(i)).put("target", row.value())
                        .put("words", method.words().get(i));
                if (row.target() instanceof LengthTarget.Range range) {
                    line.put("min", range.min()).put("max", range.max());
                }
                try {
                    text.append(JSON.writeValueAsString(line)).append('\n');
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a prediction line is text and numbers: " + line, e);
                }
            }
        }
        return text.toString();
    }

    /** Writes {@link #jsonl} to {@code file} atomically (a temporary file, then a rename). */
    public static void write(Path file, LengthComparison comparison) throws IOException {
        AtomicFiles.write(file, jsonl(comparison).getBytes(StandardCharsets.UTF_8));
    }
}
