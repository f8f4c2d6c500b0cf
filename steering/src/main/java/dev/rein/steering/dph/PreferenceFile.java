package dev.rein.steering.dph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rein.data.lm.JsonLines;
import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Reads preference pairs from a JSON Lines file. Each line is one of:
 * <ul>
 *   <li>{@code {"prompt": "...", "chosen": "...", "rejected": "..."}};</li>
 *   <li>message lists, as ultrafeedback and orca_dpo_pairs ship them: {@code {"chosen": [{"role": "user",
 *       "content": ...}, {"role": "assistant", "content": ...}], "rejected": [...]}}. The replies are the
 *       <em>last assistant</em> messages of each list and the prompt the last user message before the chosen
 *       reply (or the row's {@code prompt} string). DPH's {@code ultrafeedback.py} takes element 0, normally the
 *       user turn, so its pairs could be identical (METHODS.md 3.3); this does not;</li>
 *   <li>a multiple-choice row {@code {"question": "...", "choices": [...], "answer": i}}, turned into one pair:
 *       the correct choice against a distractor drawn with a {@link Random} seeded by the seed and the line, as
 *       DPH's multi-task loader does.</li>
 * </ul>
 * Pairs whose replies are identical are left out and counted ({@link Result#identicalLines()}). A line that fits
 * none of the forms is a {@link FormatException} naming the file, the line and the field.
 */
public final class PreferenceFile {
    private PreferenceFile() {
    }

    /**
     * The pairs read and the lines left out.
     *
     * @param identicalLines the lines whose chosen and rejected replies were the same text
     */
    public record Result(List<PreferencePair> pairs, List<Integer> identicalLines) {
        public Result {
            pairs = List.copyOf(pairs);
            identicalLines = List.copyOf(identicalLines);
        }
    }

    /**
     * Reads {@code file}; {@code seed} draws the distractors of multiple-choice rows.
     *
     * @throws FormatException naming the file and line of the first malformed row, or when no pair is left
     */
    public static Result read(Path file, long seed) throws IOException {
        List<PreferencePair> pairs = new ArrayList<>();
        List<Integer> identical = new ArrayList<>();
        for (JsonLines.Line line : JsonLines.lines(file)) {
            PreferencePair pair = pair(new Row(file, line), seed);
            if (pair.identical()) {
                identical.add(line.number());
            } else {
                pairs.add(pair);
            }
        }
        if (pairs.isEmpty()) {
            throw new FormatException(file, null, "holds no preference pair with different replies"
                    + (identical.isEmpty() ? "" : " (" + identical.size() + " rows had identical ones)"));
        }
        return new Result(pairs, identical);
    }

    private static PreferencePair pair(Row row, long seed) {
        if (row.value.has("question")) {
            List<String> choices = row.strings("choices");
            int answer = row.index("answer", choices.size());
            if (choices.size() < 2) throw row.error("choices", "needs at least two choices to draw a distractor from");
            int distractor = new Random(seed * 1_000_003L + row.number).nextInt(choices.size() - 1);
            distractor += distractor >= answer ? 1 : 0;
            return new PreferencePair(row.text("question"), choices.get(answer), choices.get(distractor), row.number);
        }
        if (row.value.path("chosen").isArray()) {
            JsonNode chosen = row.value.get("chosen");
            int reply = lastAssistant(row, "chosen", chosen);
            String prompt = row.value.has("prompt") ? row.text("prompt") : lastUserBefore(row, chosen, reply);
            JsonNode rejected = row.value.get("rejected");
            if (rejected == null || !rejected.isArray()) {
                throw row.error("rejected", "expected a message list, as chosen is");
            }
            return new PreferencePair(prompt, content(row, "chosen", chosen.get(reply)),
                    content(row, "rejected", rejected.get(lastAssistant(row, "rejected", rejected))), row.number);
        }
        return new PreferencePair(row.text("prompt"), row.text("chosen"), row.text("rejected"), row.number);
    }

    private static int lastAssistant(Row row, String field, JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("assistant".equals(messages.get(i).path("role").asText())) return i;
        }
        throw row.error(field, "has no message with role \"assistant\"");
    }

    private static String lastUserBefore(Row row, JsonNode messages, int reply) {
        for (int i = reply - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) return content(row, "chosen", messages.get(i));
        }
        throw row.error("chosen", "has no user message before the assistant's, and the row has no prompt");
    }

    private static String content(Row row, String field, JsonNode message) {
        JsonNode content = message.get("content");
        if (content == null || !content.isTextual()) throw row.error(field, "a message's content is not a string");
        return content.asText();
    }

    /** One line's object, with errors that name the file, the line and the field. */
    private static final class Row {
        private final Path file;
        private final int number;
        private final JsonNode value;

        Row(Path file, JsonLines.Line line) {
            this.file = file;
            this.number = line.number();
            this.value = line.value();
            if (!value.isObject()) throw error(null, "expected a JSON object, found " + value.getNodeType());
        }

        String text(String field) {
            JsonNode node = value.get(field);
            if (node == null || node.isNull()) {
                throw error(field, "missing; a row holds prompt, chosen and rejected (texts or message lists), "
                        + "or question, choices and answer");
            }
            if (!node.isTextual()) throw error(field, "expected a string, found " + node.getNodeType());
            return node.asText();
        }

        List<String> strings(String field) {
            JsonNode node = value.get(field);
            if (node == null || !node.isArray()) throw error(field, "expected an array of strings");
            List<String> texts = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isTextual()) throw error(field, "expected an array of strings");
                texts.add(element.asText());
            }
            return texts;
        }

        int index(String field, int count) {
            JsonNode node = value.get(field);
            if (node == null || !node.canConvertToInt() || node.asInt() < 0 || node.asInt() >= count) {
                throw error(field, "expected the 0-based index of the correct choice (0 to " + (count - 1) + ")");
            }
            return node.asInt();
        }

        FormatException error(String field, String problem) {
            return new FormatException(file, "line " + number, (field == null ? "" : field + ": ") + problem);
        }
    }
}
