package dev.rein.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.rein.text.tokenizer.Tokenizer;

/**
 * How the commands show a token: its vocabulary piece with spaces, newlines and quotes escaped (so that
 * {@code "▁Once"} and {@code "\n"} are visible), or {@code #id} for a model without a tokenizer.
 */
final class TokenLabels {
    private final Tokenizer tokenizer;   // null: only ids are known

    /** @param tokenizer the model's tokenizer, or null when it has none */
    TokenLabels(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** The vocabulary piece of {@code id}, unescaped (for JSON), or null when there is no tokenizer or no such piece. */
    String piece(int id) {
        return tokenizer == null || id >= tokenizer.vocabSize() ? null : tokenizer.idToPiece(id);
    }

    /** The piece in double quotes, escaped; {@code #id} when it is unknown. */
    String quoted(int id) {
        String piece = piece(id);
        return piece == null ? "#" + id : quote(piece);
    }

    /** The quoted piece and its id, {@code "▁Once" (403)}; or {@code #id}. */
    String describe(int id) {
        return piece(id) == null ? "#" + id : quoted(id) + " (" + id + ")";
    }

    /** The piece escaped without quotes and cut to {@code width} characters (the last one then "…"); or {@code #id}. */
    String shortLabel(int id, int width) {
        String piece = piece(id);
        String label = piece == null ? "#" + id : escape(piece);
        if (label.codePointCount(0, label.length()) <= width) {
            return label;
        }
        return label.substring(0, label.offsetByCodePoints(0, width - 1)) + "…";
    }

    /** {@code s} in double quotes with JSON escapes. */
    static String quote(String s) {
        return "\"" + escape(s) + "\"";
    }

    private static String escape(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }
}
