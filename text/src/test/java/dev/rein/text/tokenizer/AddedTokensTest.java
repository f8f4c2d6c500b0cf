package dev.rein.text.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Added tokens: longest match first, lstrip/rstrip, single_word, and tokens matched after normalization. */
class AddedTokensTest {
    @TempDir
    Path directory;

    @Test
    void longestMatchWinsAndIsNeverSplit() {
        Tokenizer tokenizer = TokenizerFiles.tokenizer().addedTokens("[" + String.join(", ",
                TokenizerFiles.addedToken(10, "<a>", true, false, false, false, false),
                TokenizerFiles.addedToken(11, "<a><b>", true, false, false, false, false)) + "]").load(directory);
        assertArrayEquals(new int[] {11, 1, 10, 4}, tokenizer.encode("<a><b>a<a>ab"));
        assertArrayEquals(new int[] {0, 1, 0, 4}, tokenizer.encode("<a>ab",
                EncodeOption.SPECIAL_TOKENS_AS_TEXT)); // as plain text
    }

    @Test
    void stripFlagsSwallowNeighbouringWhitespace() {
        Tokenizer tokenizer = TokenizerFiles.tokenizer().addedTokens("[" + String.join(", ",
                TokenizerFiles.addedToken(10, "<l>", true, false, true, false, false),
                TokenizerFiles.addedToken(11, "<r>", true, false, false, true, false)) + "]").load(directory);
        Encoding encoding = tokenizer.encodeWithOffsets("a  <l>b<r>  c", EncodeOption.WITHOUT_SPECIAL_TOKENS);
        assertArrayEquals(new int[] {1, 10, 2, 11, 3}, encoding.ids());
        assertArrayEquals(new int[] {0, 1, 6, 7, 12}, encoding.starts());
        assertArrayEquals(new int[] {1, 6, 7, 12, 13}, encoding.ends());
    }

    @Test
    void singleWordTokensOnlyMatchOutsideWords() {
        Tokenizer tokenizer = TokenizerFiles.tokenizer()
                .preTokenizer("{\"type\": \"WhitespaceSplit\"}")
                .addedTokens("[" + TokenizerFiles.addedToken(10, "ab", false, false, false, false, true) + "]")
                .load(directory);
        assertArrayEquals(new int[] {10, 5}, tokenizer.encode("ab abc"));
    }

    @Test
    void normalizedTokensMatchTheNormalizedText() {
        Tokenizer tokenizer = TokenizerFiles.tokenizer()
                .normalizer("{\"type\": \"Lowercase\"}")
                .addedTokens("[" + TokenizerFiles.addedToken(10, "CAB", false, true, false, false, false) + "]")
                .load(directory);
        assertArrayEquals(new int[] {1, 10, 2}, tokenizer.encode("aCaBb")); // "acabb": the token matches "cab"
    }
}
