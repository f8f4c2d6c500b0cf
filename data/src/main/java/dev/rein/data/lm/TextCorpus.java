package dev.rein.data.lm;

import dev.rein.formats.FormatException;
import dev.rein.formats.json.JsonFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The documents of a text corpus: a JSON Lines file ({@code .jsonl}), one document per row in a string field, or a
 * plain text file split into documents as Hugging Face's {@code text} loader splits it ({@link Split}). Packing puts
 * an EOS token between documents, so how a file splits decides where the model learns that a text ends.
 */
public final class TextCorpus {
    /** How a plain text file is cut into documents (the {@code sample_by} of Hugging Face's text loader). */
    public enum Split {
        /** Every non-blank line is a document. */
        LINE,
        /** Runs of lines separated by blank lines are documents; line breaks inside a paragraph are kept. */
        PARAGRAPH,
        /** The whole file is one document. */
        DOCUMENT
    }

    private TextCorpus() {
    }

    /**
     * The documents of {@code file}: field {@code textField} of each row of a {@code .jsonl} file, or the file's
     * text split by {@code split} for any other name.
     *
     * @throws FormatException when a row is not a JSON object with a string {@code textField} (naming the line)
     * @throws IOException     when the file cannot be read
     */
    public static List<String> read(Path file, String textField, Split split) throws IOException {
        return isJsonLines(file) ? readJsonLines(file, textField) : readText(file, split);
    }

    /** Whether {@code file} is read as JSON Lines: its name ends in {@code .jsonl}. */
    public static boolean isJsonLines(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
    }

    /** Field {@code textField} of every row. */
    public static List<String> readJsonLines(Path file, String textField) throws IOException {
        return JsonLines.read(file, (row, where) -> JsonFields.of(file, where, row).string(textField));
    }

    /** The file's text (UTF-8) cut into documents, each trimmed of surrounding whitespace; blank ones are dropped. */
    public static List<String> readText(Path file, Split split) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        String[] documents = switch (split) {
            case LINE -> text.split("\n");
            case PARAGRAPH -> text.split("\n\\s*\n");
            case DOCUMENT -> new String[] {text};
        };
        return Arrays.stream(documents).map(String::strip).filter(document -> !document.isEmpty()).toList();
    }
}
