package dev.rein.text.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Pre-tokenizers and split behaviours, as Hugging Face documents them. */
class PreTokenizerTest {

    @Test
    void splitBehaviours() {
        assertEquals(List.of("a", "b"), split(SplitBehavior.REMOVED, "a-b-", "-", false));
        assertEquals(List.of("a", "-", "b", "-"), split(SplitBehavior.ISOLATED, "a-b-", "-", false));
        assertEquals(List.of("a-", "b-"), split(SplitBehavior.MERGED_WITH_PREVIOUS, "a-b-", "-", false));
        assertEquals(List.of("a", "-b", "-"), split(SplitBehavior.MERGED_WITH_NEXT, "a-b-", "-", false));
        assertEquals(List.of("a", "--", "b"), split(SplitBehavior.CONTIGUOUS, "a--b", "-", false));
        assertEquals(List.of("-", "-"), split(SplitBehavior.REMOVED, "a-b-", "-", true));
        assertEquals(List.of(), split(SplitBehavior.ISOLATED, "", "-", false));
    }

    @Test
    void metaspacePrependSchemes() {
        PreTokenizer always = new PreTokenizer.Metaspace("▁", PreTokenizer.PrependScheme.ALWAYS, true);
        assertEquals(List.of("▁hello", "▁", "▁world"), words(always, original("hello  world")));
        NormalizedText later = NormalizedText.of("<s>hi", 3, 5); // a piece that does not start the text
        PreTokenizer first = new PreTokenizer.Metaspace("▁", PreTokenizer.PrependScheme.FIRST, true);
        assertEquals(List.of("hi"), words(first, later));
        assertEquals(List.of("▁hi"), words(first, original("hi")));
        PreTokenizer never = new PreTokenizer.Metaspace("▁", PreTokenizer.PrependScheme.NEVER, false);
        assertEquals(List.of("a▁b"), words(never, original("a b")));
    }

    @Test
    void byteLevelSpellsBytesAfterGpt2sWordRegex() {
        PreTokenizer byteLevel = new PreTokenizer.ByteLevel(true, true);
        List<NormalizedText> words = new ArrayList<>();
        byteLevel.preTokenize(original("Hi 你's  \u3000x"), words::add);
        // \s+(?!\S) leaves the last whitespace char (here U+3000) to the next word, which cannot take it.
        assertEquals(List.of("ĠHi", "Ġä½ł", "'s", "ĠĠ", "ãĢĢ", "x"), texts(words));
        NormalizedText chinese = words.get(1);
        assertEquals(2, chinese.originalStart(0));
        assertEquals(3, chinese.originalStart(1)); // all three bytes of 你 come from char 3
        assertEquals(4, chinese.originalEnd(3));
    }

    @Test
    void whitespacePreTokenizers() {
        assertEquals(List.of("Hey", "friend", "!", "How", "?"),
                words(new PreTokenizer.Whitespace(), original("Hey friend!  How?")));
        assertEquals(List.of("Hey", "friend!", "How?"),
                words(new PreTokenizer.WhitespaceSplit(), original("Hey friend!\u00a0 How?")));
    }

    @Test
    void regexesHaveOnigurumaUnicodeSemantics() {
        assertEquals("\\p{IsHan}+\\p{L}[0-9a-fA-F][^0-9a-fA-F][x0-9a-fA-F]",
                OnigurumaRegex.translate("\\p{Han}+\\p{L}\\h\\H[x\\h]"));
        Pattern space = OnigurumaRegex.compile("\\s");
        for (char c : new char[] {' ', '\t', '\u00a0', '\u2003', '\u3000', '\u0085', '\u2028'}) {
            assertEquals(true, space.matcher(String.valueOf(c)).matches(), "U+" + Integer.toHexString(c));
        }
        assertEquals(false, space.matcher("\u200b").matches()); // zero-width space is not White_Space
        Pattern caseless = OnigurumaRegex.compile("(?i:'s)");
        assertEquals(true, caseless.matcher("'S").matches());
        assertEquals(true, OnigurumaRegex.compile("\\p{L}").matcher("𠀀").matches()); // CJK extension B, 2 chars
    }

    private static List<String> split(SplitBehavior behavior, String text, String delimiter, boolean invert) {
        List<NormalizedText> pieces = new ArrayList<>();
        behavior.split(original(text), new TextPattern.Literal(delimiter), invert, pieces::add);
        return texts(pieces);
    }

    private static List<String> words(PreTokenizer preTokenizer, NormalizedText piece) {
        List<NormalizedText> words = new ArrayList<>();
        preTokenizer.preTokenize(piece, words::add);
        return texts(words);
    }

    private static NormalizedText original(String text) {
        return NormalizedText.of(text, 0, text.length());
    }

    private static List<String> texts(List<NormalizedText> pieces) {
        return pieces.stream().map(NormalizedText::text).toList();
    }
}
