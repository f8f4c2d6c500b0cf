package dev.rein.eval.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Python's {@code str} semantics as VADER relies on them (the expected values are what CPython 3.11 gives). */
class PythonTextTest {
    @Test
    void splitsOnPythonsWhitespace() {
        // no-break space, figure space and narrow no-break space are whitespace to Python, not to Character.isWhitespace
        assertEquals(List.of("a", "b", "c", "d", "e"), PythonText.split(" a\u00a0b\u2007c\u202fd\u001fe\u0085"));
        assertEquals(List.of(), PythonText.split(" \t\n\u3000"));
        assertEquals(List.of("a\u200bb"), PythonText.split("a\u200bb")); // zero-width space is not whitespace
        assertEquals("a b", PythonText.strip("\u2028 a b\u00a0"));
    }

    @Test
    void stripsAsciiPunctuationFromTheEndsOnly() {
        assertEquals("don't", PythonText.stripPunctuation("\"don't!\""));
        assertEquals("", PythonText.stripPunctuation(":-)"));
        assertEquals("«good»", PythonText.stripPunctuation("«good»"));
    }

    @Test
    void countsCodePoints() {
        assertEquals(2, PythonText.length("😁😁"));
        assertEquals(3, PythonText.length("a\u0301b"));
    }

    @Test
    void isUpperNeedsACasedCharacterAndNoLowerOrTitleCaseOne() {
        assertTrue(PythonText.isUpper(":D"));
        assertTrue(PythonText.isUpper("UTF-8"));
        assertTrue(PythonText.isUpper("Ⓐ")); // Other_Uppercase
        assertFalse(PythonText.isUpper(":)"));
        assertFalse(PythonText.isUpper("ǅ")); // title case
        assertFalse(PythonText.isUpper("Aª")); // ª is Other_Lowercase
        assertFalse(PythonText.isUpper(""));
    }
}
