package dev.rein.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.eval.PredictionRows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The prompts of {@code rein recontrol collect} and {@code eval} (picocli mixin): a JSON Lines file, the field and
 * the text around it, and how many to take.
 */
final class PromptOptions {
    private static final String PLACEHOLDER = "{text}";

    @Option(names = "--prompts", required = true, paramLabel = "FILE",
            description = "JSON Lines file of prompts, e.g. ../shared/data/re_control/test_dataset_shp.json.")
    private Path file;

    @Option(names = "--prompt-field", paramLabel = "NAME", defaultValue = "prompt",
            description = "The field holding each prompt (default: ${DEFAULT-VALUE}; SHP: history).")
    private String field;

    @Option(names = "--prompt-format", paramLabel = "TEXT", defaultValue = PLACEHOLDER,
            description = "The prompt text, with " + PLACEHOLDER + " for the field, e.g. $'User: {text}\\nAssistant:' "
                    + "(default: the field as it is).")
    private String format;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N prompts.")
    private Integer limit;

    /** The prompt texts; a missing file, a format without the placeholder or a limit below 1 is a user error. */
    List<String> texts() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserError("--prompts " + file + ": no such file");
        }
        if (!format.contains(PLACEHOLDER)) {
            throw new UserError("--prompt-format must contain " + PLACEHOLDER + ", where each prompt goes");
        }
        if (limit != null && limit < 1) {
            throw new UserError("--limit must be at least 1");
        }
        List<String> fields = PredictionRows.read(file).strings(field);
        if (limit != null && limit < fields.size()) {
            fields = fields.subList(0, limit);
        }
        return fields.stream().map(text -> format.replace(PLACEHOLDER, text)).toList();
    }

    /** Adds where the prompts came from to a run's description: prompts, prompt_field and prompt_format. */
    void describe(ObjectNode json) {
        json.put("prompts", file.toString()).put("prompt_field", field).put("prompt_format", format);
    }
}
