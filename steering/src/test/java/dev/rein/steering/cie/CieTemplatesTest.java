package dev.rein.steering.cie;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.data.batch.TrainingBatch;
import dev.rein.data.lm.LmExample;
import dev.rein.models.LanguageModel;
import dev.rein.tensor.testing.SharedData;
import dev.rein.text.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * METHODS.md 1.2's llama3, qwen and gemma training templates, rendered to their exact strings, tokenized by the real
 * tokenizers of ../shared/tokenizers (skipped when it is absent), and picked for a folder without a chat template by
 * its model type.
 */
class CieTemplatesTest {
    private static final String SYS = "Below is an instruction that is optionally paired with some additional "
            + "context. Respond appropriately using the context (if any) \n";
    private static final String USER = "Name three colours.<embedding>";
    private static final String ANSWER = "Red, green and blue.";
    private static final String LLAMA3 = "<|start_header_id|>system<|end_header_id|>\n\n" + SYS + "<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\n" + USER + "<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n" + ANSWER + "<|eot_id|>";
    private static final String QWEN = "<|im_start|>system\n" + SYS + "<|im_end|>\n<|im_start|>user\n" + USER
            + "<|im_end|>\n<|im_start|>assistant\n" + ANSWER + "<|im_end|>";
    private static final String GEMMA = "<start_of_turn>user\n" + SYS + " " + USER
            + "<end_of_turn>\n<start_of_turn>model\n" + ANSWER + "<end_of_turn>";

    private static final Map<String, Tokenizer> CONFIGURED = new HashMap<>();

    @TempDir
    Path folder;

    @Test
    void theMarkupIsMethodsStringsExactly() {
        assertEquals(LLAMA3, text(TemplateKind.LLAMA3));
        assertEquals(QWEN, text(TemplateKind.QWEN));
        assertEquals(GEMMA, text(TemplateKind.GEMMA));
        assertThrows(IllegalArgumentException.class, () -> MarkupCieTemplate.promptText(TemplateKind.PLAIN, USER));
    }

    @Test
    void realTokenizersEncodeTheStringsWithLabelsOnTheAnswerAndEndOfTurn() {
        check(TemplateKind.LLAMA3, "llama3", "<|begin_of_text|>" + LLAMA3, false);
        check(TemplateKind.QWEN, "qwen3", QWEN, false);
        check(TemplateKind.GEMMA, "gemma3", "<bos>" + GEMMA, true);
    }

    @Test
    void aFolderWithoutChatTemplateGetsTheMarkupOfItsModelTypeWhenItsTokenizerHasTheTokens() throws Exception {
        Tokenizer llama3 = bare("llama3");
        Tokenizer qwen3 = bare("qwen3");
        Tokenizer gemma3 = bare("gemma3");
        assertEquals(TemplateKind.LLAMA3, TemplateKind.automatic(llama3, "llama"));
        assertEquals(TemplateKind.QWEN, TemplateKind.automatic(qwen3, "qwen3"));
        assertEquals(TemplateKind.QWEN, TemplateKind.automatic(qwen3, "qwen2"));
        assertEquals(TemplateKind.GEMMA, TemplateKind.automatic(gemma3, "gemma3_text"));
        assertEquals(TemplateKind.PLAIN, TemplateKind.automatic(qwen3, "gpt2"));
        assertEquals(TemplateKind.CHAT, TemplateKind.automatic(configured("qwen3"), "qwen3"),
                "its own chat template first");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TemplateKind.GEMMA.create(qwen3, 0));
        assertEquals("the gemma template needs the tokens [<bos>, <start_of_turn>, <end_of_turn>], which the "
                + "tokenizer does not have", missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TemplateKind.CHAT.create(qwen3, 0));
    }

    @Test
    void theDefaultModelKeepsThePlainTemplateThoughItIsALlama() {
        try (LanguageModel model = LanguageModel.loadDefault()) {
            assertEquals("llama", model.config().modelType());
            assertEquals(TemplateKind.PLAIN, CieTemplate.of(model).kind(), "no Llama 3 header tokens");
        }
    }

    private static String text(TemplateKind kind) {
        return MarkupCieTemplate.promptText(kind, USER) + ANSWER + MarkupCieTemplate.endOfTurn(kind);
    }

    /** The template's example decodes to {@code expected}; the prompt is its start, unlabelled; the rest labelled. */
    private void check(TemplateKind kind, String name, String expected, boolean endsWithEos) {
        Tokenizer tokenizer = configured(name);
        int eos = 12_345;
        CieTemplate template = kind.create(tokenizer, eos);
        LmExample example = template.example(USER, ANSWER);
        int[] prompt = template.prompt(USER);
        int[] ids = example.ids();
        assertArrayEquals(prompt, Arrays.copyOf(ids, prompt.length), kind + ": the prompt starts the example");
        int end = endsWithEos ? ids.length - 1 : ids.length;
        assertEquals(expected, tokenizer.decode(Arrays.copyOf(ids, end)),
                kind.id());
        assertEquals(tokenizer.pieceToId(MarkupCieTemplate.endOfTurn(kind)), ids[end - 1], kind + ": end of turn");
        if (endsWithEos) {
            assertEquals(eos, ids[ids.length - 1], "gemma's examples end with EOS");
        }
        for (int t = 0; t < ids.length; t++) {
            assertEquals(t < prompt.length ? TrainingBatch.IGNORED : ids[t], example.label(t), kind + " label " + t);
        }
    }

    /** The shared tokenizer with its tokenizer_config.json, the placeholder added; each loaded once. */
    private static synchronized Tokenizer configured(String name) {
        return CONFIGURED.computeIfAbsent(name, n -> {
            Tokenizer tokenizer = Tokenizer.load(tokenizers(n));
            PlaceholderTokens.add(tokenizer, List.of(ControlSignal.length()));
            return tokenizer;
        });
    }

    private static Path tokenizers(String name) {
        return SharedData.path("tokenizers/" + name);
    }

    /** The shared tokenizer.json alone, without the tokenizer_config.json (and its chat template) beside it. */
    private Tokenizer bare(String name) throws Exception {
        Path alone = Files.createDirectories(folder.resolve(name));
        Files.createSymbolicLink(alone.resolve(Tokenizer.FILE_NAME),
                tokenizers(name).resolve(Tokenizer.FILE_NAME).toAbsolutePath());
        return Tokenizer.load(alone);
    }
}
