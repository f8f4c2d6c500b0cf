package dev.rein.text.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Python's str methods; expected values are what CPython 3 returns. */
class PythonStringsTest {

    @Test
    void splitWithASeparatorKeepsEmptyPieces() {
        assertEquals(List.of("a", "b", ""), PythonStrings.split("a,b,", ",", -1));
        assertEquals(List.of(""), PythonStrings.split("", ",", -1));
        assertEquals(List.of("a", "b.c"), PythonStrings.split("a.b.c", ".", 1));
        // Not a regular expression, unlike Java's String.split.
        assertEquals(List.of("a", "b"), PythonStrings.split("a|b", "|", -1));
        assertThrows(IllegalArgumentException.class, () -> PythonStrings.split("a", "", -1));
    }

    @Test
    void splitWithoutSeparatorSplitsOnWhitespaceRuns() {
        assertEquals(List.of("a", "b"), PythonStrings.split(" a  b ", null, -1));
        assertEquals(List.of(), PythonStrings.split("", null, -1));
        assertEquals(List.of("a", "b  c "), PythonStrings.split(" a b  c ", null, 1));
    }

    @Test
    void stripRemovesPythonWhitespaceOrTheGivenCharacters() {
        // Control characters are not whitespace; no-break, ideographic spaces and NEXT LINE are.
        assertEquals("\u0001a", PythonStrings.strip("\u0001a \u00a0", null, true, true));
        assertEquals("a", PythonStrings.strip("\u3000a\u0085", null, true, true));
        assertEquals("a", PythonStrings.strip("xxaxx", "x", true, true));
        assertEquals("axx", PythonStrings.strip("xxaxx", "x", true, false));
        assertEquals("\nab", PythonStrings.strip("\nab\n", "\n", false, true));
    }

    @Test
    void spaceMatchesPythonIsspace() {
        String pythonSpaces = "\t\n\u000b\f\r\u001c\u001d\u001e\u001f \u0085\u00a0"
                + "\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000";
        for (char c : pythonSpaces.toCharArray()) {
            assertTrue(PythonStrings.isSpace(c), () -> "U+" + Integer.toHexString(c));
        }
        for (char c : "\u0000\u0001\u200b\ufeffa".toCharArray()) {
            assertFalse(PythonStrings.isSpace(c), () -> "U+" + Integer.toHexString(c));
        }
    }
}
