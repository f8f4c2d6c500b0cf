package dev.rein.cli;

import dev.rein.text.tokenizer.Encoding;
import java.io.PrintStream;

/**
 * The human-readable form of an {@link Encoding}: one token per line with its position, id, vocabulary piece and
 * the input text it covers (quoted and escaped, so that spaces and newlines are visible).
 */
final class TokenTable {
    private TokenTable() {
    }

    /** Prints the table; {@code marks[i]}, when not null, is shown as a last column (e.g. assistant tokens). */
    static void print(PrintStream out, Encoding encoding, String text, String[] marks) {
        out.println(encoding.size() + (encoding.size() == 1 ? " token" : " tokens") + ", " + text.length() + " characters");
        int pieceWidth = 5;
        for (String piece : encoding.pieces()) pieceWidth = Math.max(pieceWidth, TokenLabels.quote(piece).length());
        pieceWidth = Math.min(pieceWidth, 40);
        out.printf("%6s  %8s  %-" + pieceWidth + "s  %s%n", "#", "id", "piece", "text");
        for (int i = 0; i < encoding.size(); i++) {
            String covered = TokenLabels.quote(text.substring(encoding.starts()[i], encoding.ends()[i]));
            String mark = marks == null || marks[i] == null ? "" : "  " + marks[i];
            out.printf("%6d  %8d  %-" + pieceWidth + "s  %s%s%n", i, encoding.ids()[i],
                    TokenLabels.quote(encoding.pieces()[i]), covered, mark);
        }
    }

    static void print(PrintStream out, Encoding encoding, String text) {
        print(out, encoding, text, null);
    }
}
