package dev.rein.training.checkpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.formats.config.GenerationConfig;
import dev.rein.formats.init.RandomCheckpoint;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.models.DefaultModel;
import dev.rein.models.LanguageModel;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import dev.rein.text.tokenizer.Tokenizer;
import dev.rein.text.tokenizer.TokenizerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model folder with special tokens added loads back in Rein with the same logits for every old token, the new
 * tokens as single never-split ids past the old vocabulary, config.json's {@code vocab_size} raised to cover them,
 * and the new rows of the embedding (and of an untied LM head) the mean of the old ones: on the embedded default
 * model (a tied Llama), a random tied GPT-2 and a random untied Llama, the last two with the default model's
 * tokenizer.
 */
class ModelWithSpecialTokensTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOKENS = List.of("[PAD]", "<|nontoxic|>", "<|toxic|>", "<|pos|>", "<|neu|>",
            "<|neg|>");
    private static final String TEXT = "Tom had a red ball. He gave it to Sue.";
    private static final int DEFAULT_VOCAB = 1367;

    @TempDir
    Path folder;

    @Test
    void theDefaultModelKeepsItsLogitsAndGainsSixSpecialTokens() throws IOException {
        Path source = DefaultModel.unpacked();
        Path target = folder.resolve("resized");
        Tokenizer tokenizer = ModelWithSpecialTokens.publish(source, target, TOKENS, "[PAD]");
        assertArrayEquals(new int[] {1367, 1368, 1369, 1370, 1371, 1372},
                TOKENS.stream().mapToInt(tokenizer::pieceToId).toArray());
        assertSameOldLogitsAndMeanRows(source, target, "model.embed_tokens.weight", null);
        assertTrue(Files.isRegularFile(target.resolve(GenerationConfig.FILE_NAME)), "generation config copied");
        JsonNode config = JSON.readTree(target.resolve(TokenizerConfig.FILE_NAME).toFile());
        assertEquals("[PAD]", config.get("pad_token").asText());
        assertEquals(7, config.get("added_tokens_decoder").size(), "<|endoftext|> and the six");
    }

    @Test
    void aTiedGpt2StaysTied() throws IOException {
        Path source = randomModel("gpt2", """
                {"model_type": "gpt2", "n_embd": 32, "n_layer": 2, "n_head": 4, "n_positions": 64,
                 "vocab_size": 1367, "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5,
                 "initializer_range": 0.3}""");
        Path target = folder.resolve("gpt2-resized");
        ModelWithSpecialTokens.publish(source, target, TOKENS, "[PAD]");
        assertSameOldLogitsAndMeanRows(source, target, "transformer.wte.weight", null);
    }

    @Test
    void anUntiedLlamaGrowsItsHeadWithMeanRowsToo() throws IOException {
        Path source = randomModel("llama", """
                {"model_type": "llama", "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 2,
                 "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 1367,
                 "max_position_embeddings": 128, "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
                 "tie_word_embeddings": false, "initializer_range": 0.3}""");
        Path target = folder.resolve("llama-resized");
        ModelWithSpecialTokens.publish(source, target, TOKENS, "[PAD]");
        assertSameOldLogitsAndMeanRows(source, target, "model.embed_tokens.weight", "lm_head.weight");
    }

    @Test
    void aVocabularyAlreadyLargerThanTheTokenizerKeepsItsRowsAndAddingTwiceChangesNothing() throws IOException {
        Path source = randomModel("padded", """
                {"model_type": "llama", "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 1,
                 "num_attention_heads": 4, "vocab_size": 1400, "max_position_embeddings": 128,
                 "tie_word_embeddings": true}""");
        Path once = folder.resolve("once");
        Tokenizer tokenizer = ModelWithSpecialTokens.publish(source, once, TOKENS, "[PAD]");
        assertEquals(1367, tokenizer.pieceToId("[PAD]"), "the next id after the tokenizer, inside the padding rows");
        Path twice = folder.resolve("twice");
        ModelWithSpecialTokens.publish(once, twice, TOKENS, "[PAD]");
        try (Checkpoint a = Checkpoint.open(source); Checkpoint b = Checkpoint.open(twice);
             LanguageModel loaded = LanguageModel.load(twice)) {
            assertEquals(1400, loaded.config().vocabSize());
            assertArrayEquals(a.tensor("model.embed_tokens.weight").toFloatArray(),
                    b.tensor("model.embed_tokens.weight").toFloatArray());
        }
    }

    /**
     * {@code target} loads with vocab + 6 rows, the same logits as {@code source} on the old vocabulary, one logit
     * for all six new tokens, the new rows of {@code embedding} (and {@code head}, null when tied) the old rows'
     * mean, and no head tensor when tied.
     */
    private static void assertSameOldLogitsAndMeanRows(Path source, Path target, String embedding, String head)
            throws IOException {
        try (LanguageModel before = LanguageModel.load(source); LanguageModel after = LanguageModel.load(target)) {
            assertEquals(DEFAULT_VOCAB + TOKENS.size(), after.config().vocabSize());
            assertEquals(before.config().tieWordEmbeddings(), after.config().tieWordEmbeddings());
            Tensor old = before.logits(TEXT);
            Tensor grown = after.logits(TEXT);
            int last = old.shape().length - 1;
            assertArrayEquals(old.contiguous().toFloatArray(),
                    grown.narrow(last, 0, DEFAULT_VOCAB).contiguous().toFloatArray(), "old tokens' logits");
            float[] added = grown.narrow(last, DEFAULT_VOCAB, TOKENS.size()).contiguous().toFloatArray();
            for (int i = 0; i < added.length; i += TOKENS.size()) {
                for (int k = 1; k < TOKENS.size(); k++) {
                    assertEquals(added[i], added[i + k], "every new token has the same mean row");
                }
            }
            int[] ids = after.tokenizer().encode("<|toxic|><|pos|>" + TEXT);
            int[] plain = before.tokenizer().encode(TEXT);
            assertEquals(plain.length + 2, ids.length, "two single tokens, the text unchanged");
            assertTrue(Arrays.stream(ids).anyMatch(id -> id == DEFAULT_VOCAB + 2));
        }
        try (Checkpoint before = Checkpoint.open(source); Checkpoint after = Checkpoint.open(target)) {
            assertMeanRows(before.tensor(embedding), after.tensor(embedding));
            if (head == null) {
                assertFalse(after.contains("lm_head.weight"), "a tied head is not written");
            } else {
                assertMeanRows(before.tensor(head), after.tensor(head));
            }
        }
    }

    private static void assertMeanRows(Tensor old, Tensor grown) {
        int width = old.shape()[1];
        assertArrayEquals(new int[] {DEFAULT_VOCAB + TOKENS.size(), width}, grown.shape());
        assertArrayEquals(old.toFloatArray(), grown.narrow(0, 0, DEFAULT_VOCAB).contiguous().toFloatArray());
        float[] values = old.toFloatArray();
        for (int j = 0; j < width; j++) {
            double sum = 0;
            for (int row = 0; row < DEFAULT_VOCAB; row++) {
                sum += values[row * width + j];
            }
            for (int row = DEFAULT_VOCAB; row < DEFAULT_VOCAB + TOKENS.size(); row++) {
                assertEquals(sum / DEFAULT_VOCAB, grown.getFloat(row, j), 1e-6, "row " + row + " column " + j);
            }
        }
    }

    /** A random F32 model for {@code config} with the default model's tokenizer files. */
    private Path randomModel(String name, String config) throws IOException {
        Path model = Files.createDirectories(folder.resolve(name));
        Path configFile = Files.writeString(folder.resolve(name + "-config.json"), config);
        RandomCheckpoint.forConfig(configFile).write(model, 3, DType.F32);
        ModelFolder.copyTokenizerFiles(DefaultModel.unpacked(), model);
        return model;
    }
}
