package dev.rein.formats.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.FormatException;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A mutation test of the config readers: every field of every real config (docs/configs, ../shared/models,
 * ../shared/reference/models) is changed, one at a time, to values outside its domain (zero, negative, NaN, too
 * large, the wrong type, an unknown name), and each such file must fail to load with a FormatException naming the
 * file and that field, while the real configs themselves load. A field that is neither mutated here nor listed as
 * not read by Rein fails the test, so a new kind of field gets a decision.
 */
class ConfigMutationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "__mutated__";
    /** NaN and Infinity are not JSON: the parser refuses them, naming the top-level field it stopped in. */
    private static final String NAN = "NaN";
    /** Stands for the config's own vocab_size: an id just outside the vocabulary. */
    private static final String VOCAB = "$vocab";
    /** Stands for one more key/value head than there are attention heads: they cannot share them evenly. */
    private static final String MORE_HEADS = "$heads+1";

    private static final List<String> SIZE = List.of("0", "-1", "2.5", "\"8\"", "true", NAN, "1e999");
    private static final List<String> POSITIVE = List.of("0", "-1e-05", "\"1e-05\"", NAN, "1e999", "-1e999");
    private static final List<String> PROBABILITY = List.of("-0.1", "1.5", "\"0.1\"", NAN, "1e999");
    private static final List<String> NON_NEGATIVE = List.of("-0.02", "\"0.02\"", NAN, "1e999");
    private static final List<String> COUNT = List.of("-1", "1.5", "\"24\"", NAN);
    private static final List<String> TOKEN_ID = List.of("-1", "1.5", "\"1\"", "[1, -2]", "{}", NAN, VOCAB);
    private static final List<String> DTYPE = List.of("\"floatnull\"", "\"\"", "1", "\"Float32\"");
    private static final List<String> NAME = List.of("\"nosuch\"", "1", "[]");
    private static final List<String> BOOLEAN = List.of("1", "\"true\"", "[]");
    private static final List<String> OBJECT = List.of("3", "\"llama3\"", "[]");
    private static final List<String> STRINGS = List.of("\"full_attention\"", "3", "[\"bogus\"]", "[1]");


    /** The out-of-domain values of every field Rein checks, by field name. */
    private static final Map<String, List<String>> BAD_VALUES = Map.ofEntries(
            Map.entry("vocab_size", SIZE), Map.entry("hidden_size", SIZE), Map.entry("intermediate_size", SIZE),
            Map.entry("num_hidden_layers", SIZE), Map.entry("num_attention_heads", SIZE),
            Map.entry("num_key_value_heads", concat(SIZE, MORE_HEADS)), Map.entry("head_dim", SIZE),
            Map.entry("max_position_embeddings", SIZE), Map.entry("n_embd", SIZE), Map.entry("n_layer", SIZE),
            Map.entry("n_head", concat(SIZE, "5")), Map.entry("n_positions", SIZE), Map.entry("n_ctx", SIZE),
            Map.entry("n_inner", SIZE), Map.entry("sliding_window", SIZE),
            Map.entry("original_max_position_embeddings", SIZE), Map.entry("pretraining_tp", SIZE),
            Map.entry("sliding_window_pattern", SIZE),
            Map.entry("rms_norm_eps", POSITIVE), Map.entry("layer_norm_epsilon", POSITIVE),
            Map.entry("rope_theta", POSITIVE), Map.entry("rope_local_base_freq", POSITIVE),
            Map.entry("factor", POSITIVE), Map.entry("low_freq_factor", POSITIVE),
            Map.entry("high_freq_factor", concat(POSITIVE, "0.5")), Map.entry("query_pre_attn_scalar", POSITIVE),
            Map.entry("attn_logit_softcapping", POSITIVE), Map.entry("final_logit_softcapping", POSITIVE),
            Map.entry("attention_dropout", PROBABILITY), Map.entry("attn_pdrop", PROBABILITY),
            Map.entry("embd_pdrop", PROBABILITY), Map.entry("resid_pdrop", PROBABILITY),
            Map.entry("summary_first_dropout", PROBABILITY), Map.entry("initializer_range", NON_NEGATIVE),
            Map.entry("max_window_layers", COUNT),
            Map.entry("bos_token_id", TOKEN_ID), Map.entry("eos_token_id", TOKEN_ID),
            Map.entry("pad_token_id", TOKEN_ID),
            Map.entry("torch_dtype", DTYPE), Map.entry("dtype", DTYPE),
            Map.entry("model_type", NAME), Map.entry("hidden_act", NAME), Map.entry("hidden_activation", NAME),
            Map.entry("activation_function", NAME), Map.entry("rope_type", NAME), Map.entry("type", NAME),
            Map.entry("tie_word_embeddings", BOOLEAN), Map.entry("attention_bias", BOOLEAN),
            Map.entry("mlp_bias", BOOLEAN), Map.entry("use_sliding_window", BOOLEAN),
            Map.entry("scale_attn_weights", concat(BOOLEAN, "false")),
            Map.entry("scale_attn_by_inverse_layer_idx", concat(BOOLEAN, "true")),
            Map.entry("rope_scaling", OBJECT), Map.entry("rope_parameters", OBJECT),
            Map.entry("text_config", OBJECT), Map.entry("layer_types", STRINGS));

    /** Fields of real configs that no forward pass reads (names, caching, the fine-tuning head, bookkeeping). */
    private static final Set<String> NOT_READ = Set.of("architectures", "transformers_version", "use_cache",
            "cache_implementation", "summary_activation", "summary_proj_to_labels", "summary_type",
            "summary_use_proj", "reorder_and_upcast_attn");
    /** The Gemma families read hidden_activation and ignore hidden_act, as Hugging Face does. */
    private static final String GEMMA_IGNORED = "hidden_act";

    @TempDir
    Path dir;

    static Stream<Path> realConfigs() throws IOException {
        List<Path> configs = new ArrayList<>();
        try (Stream<Path> docs = Files.list(Path.of("..", "docs", "configs"))) {
            docs.filter(file -> file.toString().endsWith(".json")).sorted().forEach(configs::add);
        }
        for (String folder : List.of("models", "reference/models")) {
            try (Stream<Path> models = Files.list(SharedData.path(folder))) {
                models.map(model -> model.resolve(ModelConfig.FILE_NAME)).filter(Files::isRegularFile).sorted()
                        .forEach(configs::add);
            }
        }
        assertTrue(configs.size() >= 15, "docs/configs and ../shared hold the real configs: " + configs);
        return configs.stream();
    }

    @ParameterizedTest
    @MethodSource("realConfigs")
    void theRealConfigLoads(Path config) {
        assertDoesNotThrow(() -> ModelConfig.read(config));
    }

    @ParameterizedTest
    @MethodSource("realConfigs")
    void everyFieldOutsideItsDomainIsAnErrorNamingIt(Path config) throws IOException {
        ObjectNode original = (ObjectNode) JSON.readTree(config.toFile());
        JsonNode text = original.has("text_config") ? original.get("text_config") : original;
        String vocab = text.get("vocab_size").asText();
        String moreHeads = Integer.toString(text.path("num_attention_heads").asInt() + 1);
        boolean gemma = text.get("model_type") != null && text.get("model_type").asText().startsWith("gemma")
                || original.get("model_type").asText().startsWith("gemma");
        int mutants = 0;
        for (String path : fieldPaths(original, "")) {
            String name = path.substring(path.lastIndexOf('.') + 1);
            if (NOT_READ.contains(name) || gemma && name.equals(GEMMA_IGNORED)) continue;
            List<String> bad = BAD_VALUES.get(name);
            if (bad == null) fail(config + ": field " + path + " is neither mutated here nor listed as not read");
            for (String value : bad) {
                String literal = value.replace(VOCAB, vocab).replace(MORE_HEADS, moreHeads);
                Path file = write(original, path, literal);
                FormatException error;
                try {
                    ModelConfig.read(file);
                    fail(config + ": " + path + " = " + literal + " was accepted");
                    return;
                } catch (FormatException e) {
                    error = e;
                }
                String expected = value.equals(NAN) ? path.split("\\.")[0] : path;
                assertNames(expected, error, path + " = " + literal);
                assertTrue(error.getMessage().startsWith(file + ": " + expected), error.getMessage());
                mutants++;
            }
        }
        assertTrue(mutants > 20, config + ": " + mutants + " mutants");
    }

    @Test
    void theDtypeOfTheSharedStoriesConfigMustBeAName() throws IOException {
        ObjectNode stories = (ObjectNode) JSON.readTree(SharedData.path("models/stories260K/config.json").toFile());
        FormatException error = assertThrows(FormatException.class,
                () -> ModelConfig.read(write(stories, "torch_dtype", "\"floatnull\"")));
        assertTrue(error.getMessage().endsWith(": torch_dtype: expected a dtype name (float32, bfloat16, float16, "
                + "float64, float8_e4m3fn, float8_e5m2, int8, uint8, int16, int32, int64, auto), found \"floatnull\""),
                error.getMessage());
        FormatException eps = assertThrows(FormatException.class,
                () -> ModelConfig.read(write(stories, "rms_norm_eps", "-1e-05")));
        assertTrue(eps.getMessage().endsWith(": rms_norm_eps: expected a positive number, found -1.0E-5"),
                eps.getMessage());
    }

    @Test
    void everyGenerationSettingOutsideItsDomainIsAnErrorNamingIt() throws IOException {
        ObjectNode full = (ObjectNode) JSON.readTree("""
                {"bos_token_id": 1, "eos_token_id": [2, 3], "pad_token_id": 0, "max_length": 64,
                 "max_new_tokens": 32, "min_length": 0, "min_new_tokens": 1, "do_sample": true, "temperature": 0.7,
                 "top_k": 50, "top_p": 0.9, "min_p": 0.05, "typical_p": 1.0, "repetition_penalty": 1.1,
                 "no_repeat_ngram_size": 0, "transformers_version": "4.46.2"}""");
        Map<String, List<String>> bad = Map.ofEntries(
                Map.entry("bos_token_id", List.of("-1", "1.5", "\"1\"")), Map.entry("eos_token_id", List.of("[2, -3]")),
                Map.entry("pad_token_id", List.of("-1")), Map.entry("max_length", List.of("0", "-5", "1.5")),
                Map.entry("max_new_tokens", List.of("0", "-1")), Map.entry("min_length", List.of("-1", "\"0\"")),
                Map.entry("min_new_tokens", List.of("-1")), Map.entry("do_sample", List.of("1", "\"yes\"")),
                Map.entry("temperature", List.of("-0.5", NAN, "1e999", "\"hot\"")),
                Map.entry("top_k", List.of("-1", "2.5")), Map.entry("top_p", List.of("0", "1.01", "-0.1", NAN)),
                Map.entry("min_p", List.of("-0.01", "1.5")), Map.entry("typical_p", List.of("0", "2")),
                Map.entry("repetition_penalty", List.of("0", "-1", "1e999")),
                Map.entry("no_repeat_ngram_size", List.of("-2")));
        assertDoesNotThrow(() -> GenerationConfig.read(ConfigFiles.write(dir, GenerationConfig.FILE_NAME,
                full.toString())));
        for (Map.Entry<String, List<String>> field : bad.entrySet()) {
            for (String value : field.getValue()) {
                Path file = ConfigFiles.write(dir, GenerationConfig.FILE_NAME, mutated(full, field.getKey(), value));
                FormatException error = assertThrows(FormatException.class,
                        () -> GenerationConfig.read(file), field.getKey() + " = " + value);
                assertNames(field.getKey(), error, field.getKey() + " = " + value);
            }
        }
        assertDoesNotThrow(() -> GenerationConfig.read(SharedData.path("models/gpt2-capp-tiny")
                .resolve(GenerationConfig.FILE_NAME)));
    }

    /** The error names {@code field}, or one element of it when it is a list ({@code eos_token_id[1]}). */
    private static void assertNames(String field, FormatException error, String mutation) {
        assertTrue(field.equals(error.field()) || error.field() != null && error.field().startsWith(field + "["),
                mutation + ": expected an error about " + field + ", got " + error.getMessage());
    }

    /** The JSON paths of every field, nested objects' fields included (after the object itself). */
    private static List<String> fieldPaths(JsonNode object, String prefix) {
        List<String> paths = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix + field.getKey();
            paths.add(path);
            if (field.getValue().isObject()) paths.addAll(fieldPaths(field.getValue(), path + "."));
        }
        return paths;
    }

    private Path write(ObjectNode original, String path, String literal) {
        return ConfigFiles.write(dir, ModelConfig.FILE_NAME, mutated(original, path, literal));
    }

    /** {@code original} with the field at {@code path} replaced by the JSON text {@code literal}, as written. */
    private static String mutated(ObjectNode original, String path, String literal) {
        ObjectNode copy = original.deepCopy();
        String[] parts = path.split("\\.");
        ObjectNode parent = copy;
        for (int i = 0; i < parts.length - 1; i++) parent = (ObjectNode) parent.get(parts[i]);
        parent.put(parts[parts.length - 1], MARK);
        return copy.toPrettyString().replace("\"" + MARK + "\"", literal);
    }

    private static List<String> concat(List<String> values, String more) {
        List<String> all = new ArrayList<>(values);
        all.add(more);
        return List.copyOf(all);
    }
}
