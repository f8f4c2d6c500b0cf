package dev.rein.cli;

/** Word wrapping of prose for the terminal. */
final class TextWrap {
    private TextWrap() {
    }

    /** {@code text} wrapped at {@code width} columns, every line indented by {@code indent} spaces. */
    static String indent(String text, int indent, int width) {
        String margin = " ".repeat(indent);
        StringBuilder out = new StringBuilder(margin);
        int column = indent;
        for (String word : text.strip().split("\\s+")) {
            if (column > indent && column + 1 + word.length() > width) {
                out.append('\n').append(margin);
                column = indent;
            } else if (column > indent) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        return out.toString();
    }
}
