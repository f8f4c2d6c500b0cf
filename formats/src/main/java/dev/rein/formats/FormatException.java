package dev.rein.formats;

import java.nio.file.Path;

/**
 * A checkpoint, config or tokenizer file that does not hold what Rein expects. The message names the file, the
 * field (a tensor name, a JSON path) and what was expected, so that the CLI can print it as a one-line user error.
 * Subclasses name other sources the same way ({@code dev.rein.formats.hub.HubException}: a Hugging Face Hub
 * repository).
 */
public class FormatException extends RuntimeException {
    private final transient Path file;
    private final String field;

    /**
     * @param file    the offending file (may be null when the input did not come from a file)
     * @param field   the tensor name or JSON field at fault (may be null when the whole file is at fault)
     * @param problem what was found and what was expected, e.g. {@code "expected an integer, found \"abc\""}
     */
    public FormatException(Path file, String field, String problem) {
        this(file, field, problem, null);
    }

    public FormatException(Path file, String field, String problem, Throwable cause) {
        super(describe(file, field, problem), cause);
        this.file = file;
        this.field = field;
    }

    /** The offending file, or null. */
    public Path file() {
        return file;
    }

    /** The tensor name or JSON field at fault, or null. */
    public String field() {
        return field;
    }

    /**
     * The message of a FormatException, {@code FILE: FIELD: PROBLEM} (file and field left out when null), for other
     * errors about a place in a file that should read alike.
     */
    public static String describe(Path file, String field, String problem) {
        StringBuilder message = new StringBuilder();
        if (file != null) message.append(file).append(": ");
        if (field != null) message.append(field).append(": ");
        return message.append(problem).toString();
    }
}
