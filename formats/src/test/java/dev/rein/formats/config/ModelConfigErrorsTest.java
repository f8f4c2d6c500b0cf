package dev.rein.formats.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.FormatException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed config surfaces as a FormatException naming the file and the field at fault. */
class ModelConfigErrorsTest {
    private static final String LLAMA_DIMENSIONS = """
            "vocab_size": 100, "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2""";

    @TempDir
    Path dir;

    /** Reads {@code json} as config.json, expects a failure, and checks it names the file and {@code field}. */
    private FormatException failure(String json, String field) {
        Path file = ConfigFiles.write(dir, ModelConfig.FILE_NAME, json);
        FormatException error = assertThrows(FormatException.class, () -> ModelConfig.read(file));
        assertEquals(file, error.file());
        assertEquals(field, error.field());
        assertTrue(error.getMessage().startsWith(file + ": " + (field == null ? "" : field + ": ")),
                error.getMessage());
        return error;
    }

    private static String llama(String extraFields) {
        return "{\"model_type\": \"llama\", " + LLAMA_DIMENSIONS + ", " + extraFields + "}";
    }

    @Test
    void unknownModelTypeListsTheSupportedOnes() {
        FormatException error = failure("{\"model_type\": \"bert\"}", "model_type");
        assertTrue(error.getMessage().endsWith("unsupported model type \"bert\"; supported: gpt2, llama, mistral, "
                + "qwen2, qwen3, gemma, gemma2, gemma3_text, gemma3"), error.getMessage());
    }

    @Test
    void parsedTreesAreCheckedLikeFilesAndNameTheirSource() {
        Path source = dir.resolve("model.bin");
        FormatException notAnObject = assertThrows(FormatException.class,
                () -> ModelConfig.parse(source, JsonNodeFactory.instance.arrayNode()));
        assertEquals(source, notAnObject.file());
        ObjectNode config = JsonNodeFactory.instance.objectNode().put("model_type", "llama").put("vocab_size", 0);
        FormatException badField = assertThrows(FormatException.class, () -> ModelConfig.parse(source, config));
        assertEquals(source, badField.file());
        assertEquals("vocab_size", badField.field());
    }

    @Test
    void missingModelType() {
        FormatException error = failure("{\"hidden_size\": 64}", "model_type");
        assertTrue(error.getMessage().endsWith("missing (required)"), error.getMessage());
    }

    @Test
    void missingDimension() {
        failure("{\"model_type\": \"llama\", \"vocab_size\": 100, \"num_hidden_layers\": 2,"
                + " \"num_attention_heads\": 4, \"intermediate_size\": 128}", "hidden_size");
    }

    @Test
    void missingGpt2Dimension() {
        failure("{\"model_type\": \"gpt2\", \"vocab_size\": 100, \"n_embd\": 64, \"n_head\": 4}", "n_layer");
    }

    @Test
    void missingFieldInsideGemma3TextConfigNamesItsPath() {
        FormatException error = failure("{\"model_type\": \"gemma3\", \"text_config\": {\"rope_scaling\": "
                + "{\"factor\": 8.0}}}", "text_config.rope_scaling.rope_type");
        assertTrue(error.getMessage().endsWith("missing (required)"), error.getMessage());
    }

    @Test
    void gemma3WithoutTextConfig() {
        failure("{\"model_type\": \"gemma3\", \"eos_token_id\": [1, 106]}", "text_config");
    }

    @Test
    void wrongTypeQuotesTheValueFound() {
        FormatException error = failure(llama("\"num_attention_heads\": \"abc\""), "num_attention_heads");
        assertTrue(error.getMessage().endsWith("num_attention_heads: expected an integer, found \"abc\""),
                error.getMessage());
    }

    @Test
    void fractionalIntegerIsAWrongType() {
        failure(llama("\"num_attention_heads\": 4, \"num_key_value_heads\": 1.5"), "num_key_value_heads");
    }

    @Test
    void wrongTypeOfTokenIdInAList() {
        FormatException error = failure(llama("\"num_attention_heads\": 4, \"eos_token_id\": [2, \"x\"]"),
                "eos_token_id[1]");
        assertTrue(error.getMessage().contains("found \"x\""), error.getMessage());
    }

    @Test
    void wrongTypeOfBoolean() {
        failure(llama("\"num_attention_heads\": 4, \"tie_word_embeddings\": \"yes\""), "tie_word_embeddings");
    }

    @Test
    void zeroIsNotAPositiveDimension() {
        FormatException error = failure(llama("\"num_attention_heads\": 0"), "num_attention_heads");
        assertTrue(error.getMessage().endsWith("expected a positive integer, found 0"), error.getMessage());
    }

    @Test
    void unknownActivationNamesItsField() {
        FormatException error = failure(llama("\"num_attention_heads\": 4, \"hidden_act\": \"mish\""),
                "hidden_act");
        assertTrue(error.getMessage().contains("unsupported activation \"mish\"; supported: gelu, gelu_new"),
                error.getMessage());
    }

    @Test
    void unknownGpt2Activation() {
        failure("{\"model_type\": \"gpt2\", \"vocab_size\": 100, \"n_embd\": 64, \"n_layer\": 2, \"n_head\": 4,"
                + " \"activation_function\": \"tanh\"}", "activation_function");
    }

    @Test
    void unsupportedRopeScalingType() {
        FormatException error = failure(llama("\"num_attention_heads\": 4, \"rope_scaling\": "
                + "{\"rope_type\": \"yarn\", \"factor\": 4.0}"), "rope_scaling.rope_type");
        assertTrue(error.getMessage().endsWith("unsupported rope_scaling type \"yarn\"; supported: default, linear,"
                + " llama3"), error.getMessage());
    }

    @Test
    void unsupportedRopeScalingTypeUnderTheOlderKey() {
        failure(llama("\"num_attention_heads\": 4, \"rope_scaling\": {\"type\": \"dynamic\", \"factor\": 2.0}"),
                "rope_scaling.type");
    }

    @Test
    void llama3RopeScalingNeedsAllItsFactors() {
        failure(llama("\"num_attention_heads\": 4, \"rope_scaling\": {\"rope_type\": \"llama3\", \"factor\": 8.0,"
                + " \"low_freq_factor\": 1.0, \"high_freq_factor\": 4.0}"),
                "rope_scaling.original_max_position_embeddings");
    }

    @Test
    void hiddenSizeNotDivisibleByHeadsWithoutHeadDim() {
        FormatException error = failure(llama("\"num_attention_heads\": 5"), "num_attention_heads");
        assertTrue(error.getMessage().endsWith("hidden_size 64 is not divisible by 5 heads, and no head_dim is"
                + " given"), error.getMessage());
    }

    @Test
    void gpt2EmbeddingNotDivisibleByHeads() {
        failure("{\"model_type\": \"gpt2\", \"vocab_size\": 100, \"n_embd\": 64, \"n_layer\": 2, \"n_head\": 6}",
                "n_head");
    }

    @Test
    void keyValueHeadsMustDivideHeads() {
        FormatException error = failure(llama("\"num_attention_heads\": 8, \"num_key_value_heads\": 3"),
                "num_key_value_heads");
        assertTrue(error.getMessage().endsWith("8 attention heads cannot be shared evenly by 3 key/value heads"),
                error.getMessage());
    }

    @Test
    void layerTypesOfTheWrongLength() {
        failure("{\"model_type\": \"gemma2\", " + LLAMA_DIMENSIONS + ", \"num_attention_heads\": 4,"
                + " \"layer_types\": [\"full_attention\"]}", "layer_types");
    }

    @Test
    void unknownLayerType() {
        failure("{\"model_type\": \"gemma2\", " + LLAMA_DIMENSIONS + ", \"num_attention_heads\": 4,"
                + " \"layer_types\": [\"full_attention\", \"chunked_attention\"]}", "layer_types[1]");
    }

    @Test
    void slidingLayersNeedAWindow() {
        FormatException error = failure("{\"model_type\": \"gemma2\", " + LLAMA_DIMENSIONS
                + ", \"num_attention_heads\": 4, \"sliding_window\": null}", "sliding_window");
        assertTrue(error.getMessage().endsWith("missing, but layers [0] use sliding_attention"), error.getMessage());
    }

    @Test
    void gpt2AttentionVariantsAreRejected() {
        failure("{\"model_type\": \"gpt2\", \"vocab_size\": 100, \"n_embd\": 64, \"n_layer\": 2, \"n_head\": 4,"
                + " \"scale_attn_by_inverse_layer_idx\": true}", "scale_attn_by_inverse_layer_idx");
    }

    @Test
    void bidirectionalAttentionIsRejected() {
        failure("{\"model_type\": \"gemma3_text\", \"use_bidirectional_attention\": true}",
                "use_bidirectional_attention");
    }

    @Test
    void invalidJsonGivesJacksonsLocationAndTheTopLevelKeyWhereParsingStopped() {
        FormatException error = failure("{\n  \"model_type\": \"llama\",\n  \"hidden_size\": 64,,\n}", "hidden_size");
        assertTrue(error.getMessage().contains("not valid JSON at line 3, column"), error.getMessage());
    }

    @Test
    void trailingTextAfterTheObjectIsInvalid() {
        failure("{\"model_type\": \"llama\"} extra", null);
    }

    @Test
    void topLevelMustBeAnObject() {
        FormatException error = failure("[1, 2]", null);
        assertTrue(error.getMessage().endsWith("expected a JSON object at the top level, found [1,2]"),
                error.getMessage());
    }

    @Test
    void emptyFile() {
        failure("", null);
    }
}
