package dev.rein.text.chat;

import com.hubspot.jinjava.el.ext.ExtendedScanner;
import jinjava.de.odysseus.el.tree.impl.Scanner;

/**
 * Jinjava's expression scanner with Jinja2's string literals: escapes are decoded as Python's
 * {@code unicode-escape} codec does ({@code \n \t \r \b \f \v \a \0 \\ \' \"}, octal {@code \ooo},
 * {@code \xhh}, <code>&#92;uXXXX</code>, {@code \UXXXXXXXX}, {@code \N{NAME}}, backslash-newline removed) and
 * any other backslash is kept as it is. Jinjava knows only a few escapes and rejects the rest, so a template
 * holding <code>'&#92;u00a0'</code> or a regular expression such as {@code '\d'} would not parse. Created by
 * {@link Jinja2Parser}.
 */
final class Jinja2Scanner extends ExtendedScanner {

    Jinja2Scanner(String expression) {
        super(expression);
    }

    @Override
    protected Token nextString() throws ScanException {
        String input = getInput();
        int start = getPosition();
        char quote = input.charAt(start);
        StringBuilder value = builder;
        value.setLength(0);
        int i = start + 1;
        while (i < input.length()) {
            char c = input.charAt(i++);
            if (c == quote) {
                return token(Scanner.Symbol.STRING, value.toString(), i - start);
            }
            if (c != '\\' || i == input.length()) {
                value.append(c);
                continue;
            }
            i = escape(input, i, value);
        }
        throw new ScanException(start, "unterminated string", String.valueOf(quote));
    }

    /** Decodes the escape whose letter is at {@code i} (just after the backslash); returns the index after it. */
    private int escape(String input, int i, StringBuilder value) throws ScanException {
        char c = input.charAt(i);
        switch (c) {
            case '\n' -> { /* line continuation: nothing */ }
            case '\\', '\'', '"' -> value.append(c);
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'v' -> value.append('\u000b');
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int end = i;
                while (end < input.length() && end < i + 3 && input.charAt(end) >= '0' && input.charAt(end) <= '7') {
                    end++;
                }
                value.append((char) Integer.parseInt(input.substring(i, end), 8));
                return end;
            }
            case 'x' -> {
                return hex(input, i + 1, 2, value);
            }
            case 'u' -> {
                return hex(input, i + 1, 4, value);
            }
            case 'U' -> {
                return hex(input, i + 1, 8, value);
            }
            case 'N' -> {
                int close = input.indexOf('}', i);
                if (i + 1 >= input.length() || input.charAt(i + 1) != '{' || close < 0) {
                    throw new ScanException(i, "malformed \\N character escape", "\\N{NAME}");
                }
                try {
                    value.appendCodePoint(Character.codePointOf(input.substring(i + 2, close)));
                } catch (IllegalArgumentException e) {
                    throw new ScanException(i, "unknown Unicode character name", "\\N{NAME}");
                }
                return close + 1;
            }
            default -> value.append('\\').append(c);
        }
        return i + 1;
    }

    private static int hex(String input, int from, int digits, StringBuilder value) throws ScanException {
        int end = from + digits;
        if (end > input.length() || !input.substring(from, end).chars().allMatch(d -> Character.digit(d, 16) >= 0)) {
            throw new ScanException(from, "truncated escape", digits + " hex digits");
        }
        int codePoint = Integer.parseInt(input.substring(from, end), 16);
        if (!Character.isValidCodePoint(codePoint)) {
            throw new ScanException(from, "illegal Unicode character", "a code point up to 10FFFF");
        }
        value.appendCodePoint(codePoint);
        return end;
    }
}
