package dev.rein.steering.cie;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.data.lm.JsonLines;
import dev.rein.data.stories.WordCount;
import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CIE's JSON Lines data: one object per line with {@code instruction} and {@code answer} (strings) and an
 * optional {@code ans_len} (a whole number of words); without it the length is the answer's {@code \w+} word count
 * ({@link WordCount}, the counter the length metrics use). Other fields ({@code dataset}) are ignored.
 */
public final class CieRows {
    private CieRows() {
    }

    /**
     * The rows of {@code file}, in order.
     *
     * @throws FormatException naming the file, the line and the field for a missing or non-string text field, or
     *                         an {@code ans_len} that is not a whole number &gt;= 0
     */
    public static List<CieRow> read(Path file) throws IOException {
        List<CieRow> rows = new ArrayList<>();
        for (JsonLines.Line line : JsonLines.lines(file)) {
            JsonNode value = line.value();
            String instruction = text(file, line, "instruction");
            String answer = text(file, line, "answer");
            JsonNode length = value.path("ans_len");
            if (length.isMissingNode() || length.isNull()) {
                rows.add(new CieRow(instruction, answer, WordCount.of(answer)));
            } else if (length.canConvertToExactIntegral() && length.canConvertToInt() && length.asInt() >= 0) {
                rows.add(new CieRow(instruction, answer, length.asInt()));
            } else {
                throw new FormatException(file, line.where() + " ans_len",
                        "expected a whole number of words >= 0, found " + length);
            }
        }
        return rows;
    }

    private static String text(Path file, JsonLines.Line line, String field) {
        JsonNode node = line.value().path(field);
        if (!node.isTextual()) {
            throw new FormatException(file, line.where() + " " + field, node.isMissingNode() ? "missing"
                    : "expected a string, found " + node);
        }
        return node.asText();
    }
}
