package dev.rein.text.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Token ranges point into the original text, through added tokens, normalizers and byte-level spelling. */
class OffsetsTest {

    @Test
    void gpt2RangesIncludeTheSpaceOfEachWord() {
        Encoding encoding = RealTokenizers.get("tokenizers/gpt2").encodeWithOffsets("Hello world");
        assertArrayEquals(new int[] {15496, 995}, encoding.ids());
        assertArrayEquals(new String[] {"Hello", "Ġworld"}, encoding.pieces());
        assertArrayEquals(new int[] {0, 5}, encoding.starts());
        assertArrayEquals(new int[] {5, 11}, encoding.ends());
    }

    @Test
    void llama2RangesFollowThePrependedAndReplacedSpaces() {
        Encoding encoding = RealTokenizers.get("tokenizers/llama2").encodeWithOffsets("Hello world");
        assertArrayEquals(new String[] {"<s>", "▁Hello", "▁world"}, encoding.pieces());
        assertArrayEquals(new int[] {0, 0, 5}, encoding.starts()); // BOS: empty range where it was inserted
        assertArrayEquals(new int[] {0, 5, 11}, encoding.ends());
    }

    @Test
    void byteTokensOfOneCharacterAllCoverIt() {
        Encoding encoding = RealTokenizers.get("tokenizers/llama2").encodeWithOffsets("a 🦙",
                EncodeOption.WITHOUT_SPECIAL_TOKENS);
        // ▁a, ▁, then the four byte tokens of the emoji (chars 2 and 3: a surrogate pair)
        assertEquals(6, encoding.size());
        for (int i = 2; i < 6; i++) {
            assertEquals(2, encoding.starts()[i]);
            assertEquals(4, encoding.ends()[i]);
        }
    }

    @Test
    void normalizationMapsBackToTheOriginalChars() {
        String decomposed = "cafe\u0301 ok"; // NFC turns e + combining acute into é
        Encoding encoding = RealTokenizers.get("tokenizers/qwen3").encodeWithOffsets(decomposed,
                EncodeOption.WITHOUT_SPECIAL_TOKENS);
        assertEquals(0, encoding.starts()[0]);
        assertEquals(decomposed.length(), encoding.ends()[encoding.size() - 1]);
        assertEquals(" ok", decomposed.substring(encoding.starts()[encoding.size() - 1], decomposed.length()));
    }

    @Test
    void addedTokensCoverTheirText() {
        String text = "<start_of_turn>user\nhi";
        Encoding encoding = RealTokenizers.get("tokenizers/gemma3").encodeWithOffsets(text,
                EncodeOption.WITHOUT_SPECIAL_TOKENS);
        assertArrayEquals(new int[] {105, 2364, 107, 2202}, encoding.ids());
        assertArrayEquals(new int[] {0, 15, 19, 20}, encoding.starts());
        assertArrayEquals(new int[] {15, 19, 20, 22}, encoding.ends());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tokenizers/gpt2", "tokenizers/llama2", "tokenizers/llama3", "tokenizers/qwen3",
            "tokenizers/gemma3"})
    void rangesAreOrderedAndCoverTheText(String folder) {
        Tokenizer tokenizer = RealTokenizers.get(folder);
        for (String text : RealTokenizersTest.VARIED_TEXTS) {
            Encoding encoding = tokenizer.encodeWithOffsets(text);
            int previousStart = 0;
            int covered = 0;
            for (int i = 0; i < encoding.size(); i++) {
                int start = encoding.starts()[i];
                int end = encoding.ends()[i];
                assertTrue(start >= previousStart && start <= end && end <= text.length(), folder + ": " + text);
                // Nothing is skipped: each token starts at or before the end of what earlier tokens covered.
                assertTrue(start <= covered, folder + " leaves a gap before token " + i + " of " + text);
                covered = Math.max(covered, end);
                previousStart = start;
            }
            assertEquals(text.length(), covered, folder + " covers all of " + text);
        }
    }
}
