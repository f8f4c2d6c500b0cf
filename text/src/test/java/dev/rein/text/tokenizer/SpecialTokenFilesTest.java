package dev.rein.text.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files {@link SpecialTokenFiles} writes against the shape Hugging Face gives them: tokenizer.json's
 * {@code added_tokens} entries with exactly the tokenizers library's AddedToken fields, tokenizer_config.json's
 * {@code added_tokens_decoder}, {@code additional_special_tokens} and {@code pad_token} as {@code save_pretrained}
 * writes them after {@code add_special_tokens}; and what a tokenizer loaded from them does.
 */
class SpecialTokenFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOKENS = List.of("[PAD]", "<|nontoxic|>", "<|toxic|>");
    private static final Set<String> ADDED_TOKEN_FIELDS = Set.of("id", "content", "single_word", "lstrip", "rstrip",
            "normalized", "special");

    @TempDir
    Path folder;

    private Path source() throws IOException {
        Path source = Files.createDirectories(folder.resolve("source"));
        TokenizerFiles.tokenizer().addedTokens("[" + TokenizerFiles.addedToken(8, "<x>", false, false, false, false,
                false) + "]").write(source);
        TokenizerFiles.write(source, TokenizerConfig.FILE_NAME, """
                {"tokenizer_class": "PreTrainedTokenizerFast", "eos_token": "<unk>", "model_max_length": 64}""");
        return source;
    }

    @Test
    void newTokensGetTheNextIdsAsSpecialAddedTokensAndAreNeverSplit() throws IOException {
        Path out = folder.resolve("out");
        Tokenizer written = SpecialTokenFiles.write(source(), out, TOKENS, "[PAD]");
        assertArrayEquals(new int[] {9, 10, 11}, TOKENS.stream().mapToInt(written::pieceToId).toArray());
        assertEquals(12, written.vocabSize());
        assertArrayEquals(new int[] {10, 5, 11}, written.encode("<|nontoxic|>abc<|toxic|>"));
        assertTrue(written.isSpecial(11));
        assertEquals("abc", written.decode(new int[] {10, 5, 11}, DecodeOption.SKIP_SPECIAL_TOKENS));
        assertEquals("[PAD]", written.tokenizerConfig().padToken());

        JsonNode added = JSON.readTree(out.resolve(Tokenizer.FILE_NAME).toFile()).get("added_tokens");
        assertEquals(4, added.size());
        List<Integer> ids = new ArrayList<>();
        for (JsonNode token : added) {
            assertEquals(ADDED_TOKEN_FIELDS, fieldNames(token), token.toString());
            ids.add(token.get("id").asInt());
        }
        assertEquals(List.of(8, 9, 10, 11), ids, "in id order");
        assertEquals(JSON.readTree("""
                {"id": 11, "content": "<|toxic|>", "single_word": false, "lstrip": false, "rstrip": false,
                 "normalized": false, "special": true}"""), added.get(3));
        assertFalse(added.get(0).get("special").asBoolean(), "an added token not asked for is left as it was");
    }

    @Test
    void theConfigListsEveryAddedTokenByIdAndNamesTheNewSpecialTokens() throws IOException {
        Path out = folder.resolve("out");
        SpecialTokenFiles.write(source(), out, TOKENS, "[PAD]");
        JsonNode config = JSON.readTree(out.resolve(TokenizerConfig.FILE_NAME).toFile());
        assertEquals("PreTrainedTokenizerFast", config.get("tokenizer_class").asText(), "other fields are kept");
        assertEquals(64, config.get("model_max_length").asInt());
        assertEquals("[PAD]", config.get("pad_token").asText());
        assertEquals(JSON.readTree("[\"<|nontoxic|>\", \"<|toxic|>\"]"), config.get("additional_special_tokens"));
        JsonNode decoder = config.get("added_tokens_decoder");
        assertEquals(List.of("8", "9", "10", "11"), fieldList(decoder));
        assertEquals(JSON.readTree("""
                {"content": "[PAD]", "lstrip": false, "normalized": false, "rstrip": false, "single_word": false,
                 "special": true}"""), decoder.get("9"));
        assertFalse(Files.exists(out.resolve(SpecialTokenFiles.SPECIAL_TOKENS_MAP)), "written only when there is one");
    }

    @Test
    void anExistingTokenBecomesSpecialAndKeepsItsIdAndListsAreExtended() throws IOException {
        Path source = source();
        TokenizerFiles.write(source, SpecialTokenFiles.SPECIAL_TOKENS_MAP,
                "{\"eos_token\": \"<unk>\", \"additional_special_tokens\": [\"<y>\"]}");
        Path out = folder.resolve("out");
        Tokenizer written = SpecialTokenFiles.write(source, out, List.of("<x>", "[PAD]"), "[PAD]");
        assertEquals(8, written.pieceToId("<x>"));
        assertTrue(written.isSpecial(8));
        assertEquals(9, written.pieceToId("[PAD]"));
        JsonNode map = JSON.readTree(out.resolve(SpecialTokenFiles.SPECIAL_TOKENS_MAP).toFile());
        assertEquals(JSON.readTree("[\"<y>\", \"<x>\"]"), map.get("additional_special_tokens"));
        assertEquals("[PAD]", map.get("pad_token").asText());
        assertEquals("<unk>", map.get("eos_token").asText());

        Path again = folder.resolve("again");
        Tokenizer twice = SpecialTokenFiles.write(out, again, List.of("<x>", "[PAD]"), "[PAD]");
        assertEquals(10, twice.vocabSize(), "adding tokens it has changes nothing");
        assertEquals(JSON.readTree(out.resolve(Tokenizer.FILE_NAME).toFile()),
                JSON.readTree(again.resolve(Tokenizer.FILE_NAME).toFile()));
    }

    @Test
    void thePadTokenMustBeOneOfTheTokens() throws IOException {
        Path source = source();
        assertThrows(IllegalArgumentException.class,
                () -> SpecialTokenFiles.write(source, folder.resolve("out"), TOKENS, "<pad>"));
    }

    /** GPT-2 with the control-token method's tokens gets the seed's ids: 50257 + 6 = 50263. */
    @Test
    void gpt2GetsTheSeedsIds() throws IOException {
        Path gpt2 = SharedData.path("tokenizers/gpt2");
        List<String> tokens = List.of("[PAD]", "<|nontoxic|>", "<|toxic|>", "<|pos|>", "<|neu|>", "<|neg|>");
        Tokenizer written = SpecialTokenFiles.write(gpt2, folder.resolve("gpt2"), tokens, "[PAD]");
        assertEquals(50263, written.vocabSize());
        assertArrayEquals(new int[] {50257, 50258, 50259, 50260, 50261, 50262},
                tokens.stream().mapToInt(written::pieceToId).toArray());
        int[] plain = Tokenizer.load(gpt2).encode("Hello world.");
        int[] ids = written.encode("<|toxic|><|neg|>Hello world.<|endoftext|>");
        assertEquals(plain.length + 3, ids.length);
        assertArrayEquals(new int[] {50259, 50262}, Arrays.copyOf(ids, 2));
        assertEquals(50256, ids[ids.length - 1]);
    }

    private static Set<String> fieldNames(JsonNode node) {
        return Set.copyOf(fieldList(node));
    }

    private static List<String> fieldList(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
