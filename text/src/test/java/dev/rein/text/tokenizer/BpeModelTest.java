package dev.rein.text.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BPE options of tokenizer.json, on tiny vocabularies (words split on whitespace). */
class BpeModelTest {
    private static final String WHITESPACE_SPLIT = "{\"type\": \"WhitespaceSplit\"}";

    @TempDir
    Path directory;

    @Test
    void mergesApplyByRankAndAcceptBothFormats() {
        Tokenizer tokenizer = TokenizerFiles.tokenizer().preTokenizer(WHITESPACE_SPLIT).load(directory);
        assertArrayEquals(new int[] {5, 4, 1, 2, 3}, tokenizer.encode("abc ab a b c"));
        Tokenizer reversed = TokenizerFiles.tokenizer().preTokenizer(WHITESPACE_SPLIT).model("""
                {"type": "BPE", "vocab": {"a": 0, "b": 1, "c": 2, "ab": 3, "bc": 4},
                 "merges": [["b", "c"], ["a", "b"]]}""").load(directory);
        assertArrayEquals(new int[] {0, 4}, reversed.encode("abc")); // "b c" ranks first
    }

    @Test
    void unknownCharactersAreFusedKeptApartOrDropped() {
        Tokenizer fused = TokenizerFiles.tokenizer().preTokenizer(WHITESPACE_SPLIT).load(directory);
        assertArrayEquals(new int[] {1, 0, 2}, fused.encode("axyb"));
        Tokenizer separate = TokenizerFiles.tokenizer().preTokenizer(WHITESPACE_SPLIT)
                .model(TokenizerFiles.ABC_MODEL.replace("\"fuse_unk\": true", "\"fuse_unk\": false")).load(directory);
        assertArrayEquals(new int[] {1, 0, 0, 2}, separate.encode("axyb"));
        Tokenizer noUnknown = TokenizerFiles.tokenizer().preTokenizer(WHITESPACE_SPLIT)
                .model(TokenizerFiles.ABC_MODEL.replace("\"unk_token\": \"<unk>\"", "\"unk_token\": null"))
                .load(directory);
        assertArrayEquals(new int[] {4}, noUnknown.encode("axyb")); // x and y vanish, then a and b merge
    }

    @Test
    void byteFallbackSpellsUnknownCharactersInBytes() {
        Tokenizer tokenizer = TokenizerFiles.tokenizer().model("""
                {"type": "BPE", "unk_token": "<unk>", "byte_fallback": true,
                 "vocab": {"<unk>": 0, "<0xC3>": 1, "<0xA9>": 2, "a": 3}, "merges": []}""")
                .decoder("{\"type\": \"ByteFallback\"}").load(directory);
        assertArrayEquals(new int[] {3, 1, 2, 0}, tokenizer.encode("aé😀")); // 😀's bytes are not all there
        assertArrayEquals(new int[] {3, 1, 2}, tokenizer.encode("aé"));
        assertEquals("aé", tokenizer.decode(new int[] {3, 1, 2}));
    }

    @Test
    void subwordPrefixAndWordSuffix() {
        Tokenizer prefixed = TokenizerFiles.tokenizer().preTokenizer(WHITESPACE_SPLIT).model("""
                {"type": "BPE", "continuing_subword_prefix": "##",
                 "vocab": {"a": 0, "##b": 1, "ab": 2, "b": 3}, "merges": [["a", "##b"]]}""").load(directory);
        assertArrayEquals(new int[] {2, 3}, prefixed.encode("ab b"));
        Tokenizer suffixed = TokenizerFiles.tokenizer().preTokenizer(WHITESPACE_SPLIT).model("""
                {"type": "BPE", "end_of_word_suffix": "</w>",
                 "vocab": {"a": 0, "b</w>": 1, "ab</w>": 2, "a</w>": 3}, "merges": ["a b</w>"]}""").load(directory);
        assertArrayEquals(new int[] {2, 3}, suffixed.encode("ab a"));
    }

    @Test
    void ignoreMergesTakesWholeWordsFromTheVocabulary() {
        String model = """
                {"type": "BPE", "ignore_merges": %b,
                 "vocab": {"a": 0, "b": 1, "c": 2, "ab": 3, "abc": 4}, "merges": ["a b"]}""";
        assertArrayEquals(new int[] {3, 2}, TokenizerFiles.tokenizer().model(model.formatted(false))
                .load(directory).encode("abc"));
        assertArrayEquals(new int[] {4}, TokenizerFiles.tokenizer().model(model.formatted(true))
                .load(directory).encode("abc"));
    }
}
