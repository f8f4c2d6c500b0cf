package dev.rein.text.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files Rein cannot use give FormatExceptions naming the field; tokenizer_config.json's BOS/EOS flags. */
class TokenizerLoadingTest {
    private static final String BOS_TEMPLATE = """
            {"type": "TemplateProcessing",
             "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
             "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                      {"Sequence": {"id": "B", "type_id": 1}}],
             "special_tokens": {"<s>": {"id": "<s>", "ids": [20], "tokens": ["<s>"]}}}""";
    private static final String BOS_AND_EOS = "[" + TokenizerFiles.addedToken(20, "<s>", true, false, false, false,
            false) + ", " + TokenizerFiles.addedToken(21, "</s>", true, false, false, false, false) + "]";

    @TempDir
    Path directory;

    @Test
    void aSentencePieceModelAloneIsNotEnough() throws IOException {
        Path llama2 = SharedData.path("tokenizers/llama2");
        Files.createSymbolicLink(directory.resolve("tokenizer.model"), llama2.resolve("tokenizer.model"));
        FormatException error = assertThrows(FormatException.class, () -> Tokenizer.load(directory));
        assertTrue(error.getMessage().contains("tokenizer.json is required"), error.getMessage());
        assertThrows(FormatException.class, () -> Tokenizer.load(directory.resolve("tokenizer.model")));
        assertThrows(FormatException.class, () -> Tokenizer.load(directory.resolve("missing.json")));
    }

    @Test
    void unsupportedOrBrokenFilesNameTheField() {
        assertField("model.type", TokenizerFiles.tokenizer().model("""
                {"type": "Unigram", "unk_id": 0, "vocab": [["<unk>", 0.0]]}"""), "unsupported model type Unigram");
        assertField("model.dropout", TokenizerFiles.tokenizer().model(TokenizerFiles.ABC_MODEL
                .replace("\"type\": \"BPE\"", "\"type\": \"BPE\", \"dropout\": 0.1")), "not supported");
        assertField("model.merges[0]", TokenizerFiles.tokenizer().model("""
                {"type": "BPE", "vocab": {"a": 0}, "merges": ["a z"]}"""), "\"z\" is not in the vocabulary");
        assertField("model.merges[0]", TokenizerFiles.tokenizer().model("""
                {"type": "BPE", "vocab": {"a": 0}, "merges": ["a b c"]}"""), "one space");
        assertField("normalizer.type", TokenizerFiles.tokenizer().normalizer("{\"type\": \"BertNormalizer\"}"),
                "unsupported normalizer type BertNormalizer");
        assertField("pre_tokenizer.pattern.Regex", TokenizerFiles.tokenizer().preTokenizer("""
                {"type": "Split", "pattern": {"Regex": "(unclosed"}, "behavior": "Isolated"}"""), "regular expression");
        assertField("pre_tokenizer.behavior", TokenizerFiles.tokenizer().preTokenizer("""
                {"type": "Split", "pattern": {"String": " "}, "behavior": "Sideways"}"""), "unknown split behavior");
        assertField("decoder.decoders[1].type", TokenizerFiles.tokenizer().decoder("""
                {"type": "Sequence", "decoders": [{"type": "Fuse"}, {"type": "CTC"}]}"""), "unsupported decoder");
        assertField("post_processor.single[0].SpecialToken.id", TokenizerFiles.tokenizer().postProcessor(
                BOS_TEMPLATE.replace("\"special_tokens\": {\"<s>\"", "\"special_tokens\": {\"<t>\"")),
                "<s> is not in special_tokens");
        assertField("added_tokens[0].id", TokenizerFiles.tokenizer().addedTokens("[{\"content\": \"x\", \"id\": -1}]"),
                "expected a non-negative integer, found -1");
        TokenizerFiles.write(directory, Tokenizer.FILE_NAME, "{\"model\": ");
        FormatException json = assertThrows(FormatException.class, () -> Tokenizer.load(directory));
        assertTrue(json.getMessage().contains("not valid JSON"), json.getMessage());
    }

    @Test
    void addBosTokenDoesNotDoubleTheTemplatesBos() {
        writeConfig("{\"bos_token\": \"<s>\", \"eos_token\": \"</s>\", \"add_bos_token\": true}");
        Tokenizer tokenizer = withBosTemplate();
        assertArrayEquals(new int[] {20, 5}, tokenizer.encode("abc"));
        assertArrayEquals(new int[] {5}, tokenizer.encode("abc", EncodeOption.WITHOUT_SPECIAL_TOKENS));
    }

    @Test
    void addEosTokenAppendsEosAtTheEndOfTheText() {
        writeConfig("""
                {"bos_token": {"content": "<s>", "lstrip": false}, "eos_token": "</s>",
                 "add_bos_token": true, "add_eos_token": true}""");
        Encoding encoding = withBosTemplate().encodeWithOffsets("abc");
        assertArrayEquals(new int[] {20, 5, 21}, encoding.ids());
        assertArrayEquals(new int[] {0, 0, 3}, encoding.starts());
        assertArrayEquals(new int[] {0, 3, 3}, encoding.ends());
        assertArrayEquals(new int[] {20, 5, 21, 20, 4, 21}, withBosTemplate().encodePair("abc", "ab"));
    }

    @Test
    void addBosTokenFalseRemovesTheTemplatesBos() {
        writeConfig("{\"bos_token\": \"<s>\", \"add_bos_token\": false}");
        assertArrayEquals(new int[] {5}, withBosTemplate().encode("abc"));
    }

    @Test
    void addEosTokenNeedsAnEosToken() {
        writeConfig("{\"add_eos_token\": true}");
        FormatException error = assertThrows(FormatException.class, this::withBosTemplate);
        assertEquals(directory.resolve(TokenizerConfig.FILE_NAME), error.file());
        assertEquals("add_eos_token", error.field());
    }

    @Test
    void chatTemplateFromItsOwnFile() {
        TokenizerFiles.write(directory, "chat_template.jinja", "{{ messages }}");
        Tokenizer tokenizer = TokenizerFiles.tokenizer().load(directory);
        assertEquals("{{ messages }}", tokenizer.tokenizerConfig().chatTemplate());
        assertEquals(null, tokenizer.tokenizerConfig().bosToken());
    }

    private Tokenizer withBosTemplate() {
        return TokenizerFiles.tokenizer().postProcessor(BOS_TEMPLATE).addedTokens(BOS_AND_EOS).load(directory);
    }

    private void writeConfig(String json) {
        TokenizerFiles.write(directory, TokenizerConfig.FILE_NAME, json);
    }

    private void assertField(String field, TokenizerFiles.Builder file, String messagePart) {
        file.write(directory);
        FormatException error = assertThrows(FormatException.class, () -> Tokenizer.load(directory));
        assertEquals(field, error.field(), error.getMessage());
        assertTrue(error.getMessage().contains(messagePart), error.getMessage());
    }
}
