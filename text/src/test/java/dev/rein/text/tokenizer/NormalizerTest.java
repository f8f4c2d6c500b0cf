package dev.rein.text.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.Normalizer.Form;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Normalizers rewrite text and keep each char aligned to the original chars it came from. */
class NormalizerTest {

    @Test
    void lowercaseMapsEachCodePointOnItsOwn() {
        NormalizedText text = new Normalizer.Lowercase().normalize(original("ÀB İΣ"));
        // İ lowercases to i + combining dot (two chars, both from the İ); a final Σ stays σ (no final-sigma rule).
        assertEquals("àb i\u0307σ", text.text());
        assertArrayEquals(new int[] {0, 1, 2, 3, 3, 4}, starts(text));
        assertArrayEquals(new int[] {1, 2, 3, 4, 4, 5}, ends(text));
    }

    @Test
    void unicodeFormsAlignTheirOutputToTheSegmentTheyCameFrom() {
        NormalizedText nfkc = new Normalizer.UnicodeForm(Form.NFKC).normalize(original("ﬁ① x"));
        assertEquals("fi1 x", nfkc.text());
        assertArrayEquals(new int[] {0, 0, 1, 2, 3}, starts(nfkc));
        NormalizedText nfc = new Normalizer.UnicodeForm(Form.NFC).normalize(original("e\u0301e"));
        assertEquals("\u00e9e", nfc.text());
        assertArrayEquals(new int[] {0, 2}, starts(nfc));
        assertArrayEquals(new int[] {2, 3}, ends(nfc));
        NormalizedText nfd = new Normalizer.UnicodeForm(Form.NFD).normalize(original("\u00e9"));
        assertEquals("e\u0301", nfd.text());
        assertArrayEquals(new int[] {1, 1}, ends(nfd));
        NormalizedText unchanged = original("plain");
        assertEquals(unchanged, new Normalizer.UnicodeForm(Form.NFC).normalize(unchanged));
    }

    @Test
    void stripKeepsWhereThePieceBegan() {
        NormalizedText text = new Normalizer.Strip(true, true).normalize(original(" \u00a0 hi \n"));
        assertEquals("hi", text.text());
        assertEquals(3, text.originalStart(0));
        assertEquals(0, text.originalOffset());
        assertEquals("hi \n", new Normalizer.Strip(true, false).normalize(original("  hi \n")).text());
    }

    @Test
    void prependAndReplaceAsSentencePieceUsesThem() {
        Normalizer llama = new Normalizer.Sequence(List.of(new Normalizer.Prepend("▁"),
                new Normalizer.Replace(new TextPattern.Literal(" "), "▁")));
        NormalizedText text = llama.normalize(original("a b"));
        assertEquals("▁a▁b", text.text());
        assertArrayEquals(new int[] {0, 0, 1, 2}, starts(text)); // the prefix belongs to the first char
        assertEquals("", llama.normalize(original("")).text());
    }

    @Test
    void replaceWithARegexAndEmptyContent() {
        Normalizer collapse = new Normalizer.Replace(TextPattern.regex(" {2,}"), " ");
        NormalizedText text = collapse.normalize(original("a    b"));
        assertEquals("a b", text.text());
        assertArrayEquals(new int[] {0, 1, 5}, starts(text));
        assertArrayEquals(new int[] {1, 5, 6}, ends(text));
        assertEquals("ab", new Normalizer.Replace(new TextPattern.Literal("-"), "").normalize(original("a-b")).text());
    }

    private static NormalizedText original(String text) {
        return NormalizedText.of(text, 0, text.length());
    }

    static int[] starts(NormalizedText text) {
        int[] starts = new int[text.length()];
        for (int i = 0; i < starts.length; i++) starts[i] = text.originalStart(i);
        return starts;
    }

    static int[] ends(NormalizedText text) {
        int[] ends = new int[text.length()];
        for (int i = 0; i < ends.length; i++) ends[i] = text.originalEnd(i);
        return ends;
    }
}
