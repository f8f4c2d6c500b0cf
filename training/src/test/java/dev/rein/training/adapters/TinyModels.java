package dev.rein.training.adapters;

import dev.rein.formats.init.RandomCheckpoint;
import dev.rein.models.LanguageModel;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small random models for adapter and head tests, written with {@link RandomCheckpoint} into a test's folder: a
 * Llama with grouped-query attention (4 query heads, 2 key/value heads), Qwen2 with q/k/v biases, and GPT-2 with its
 * Conv1D weights and fused c_attn. An initializer range of 0.3 makes logits differ clearly between tokens, so greedy
 * choices are not near ties. The caller closes the model.
 */
public final class TinyModels {
    private static final String LLAMA = """
            {"model_type": "llama", "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 2,
             "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 64, "max_position_embeddings": 128,
             "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "hidden_act": "silu", "tie_word_embeddings": false,
             "initializer_range": 0.3}
            """;
    private static final String QWEN2 = """
            {"model_type": "qwen2", "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 2,
             "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 64, "max_position_embeddings": 128,
             "rms_norm_eps": 1e-6, "rope_theta": 10000.0, "hidden_act": "silu", "tie_word_embeddings": true,
             "initializer_range": 0.3}
            """;
    private static final String GPT2 = """
            {"model_type": "gpt2", "n_embd": 32, "n_layer": 2, "n_head": 4, "n_positions": 64, "vocab_size": 64,
             "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5, "initializer_range": 0.3}
            """;

    private TinyModels() {
    }

    public static LanguageModel llama(Path folder) {
        return write(folder.resolve("llama"), LLAMA, DType.F32);
    }

    /** The Llama with its weights stored in BF16. */
    public static LanguageModel llamaBf16(Path folder) {
        return write(folder.resolve("llama-bf16"), LLAMA, DType.BF16);
    }

    public static LanguageModel qwen2(Path folder) {
        return write(folder.resolve("qwen2"), QWEN2, DType.F32);
    }

    public static LanguageModel gpt2(Path folder) {
        return write(folder.resolve("gpt2"), GPT2, DType.F32);
    }

    /** Largest |a - b| over all elements. */
    public static float maxAbsDiff(Tensor a, Tensor b) {
        float[] x = a.contiguous().toFloatArray();
        float[] y = b.contiguous().toFloatArray();
        if (x.length != y.length) {
            throw new AssertionError("sizes differ: " + x.length + " and " + y.length);
        }
        float max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }

    private static LanguageModel write(Path folder, String config, DType dtype) {
        try {
            Files.createDirectories(folder);
            Path configFile = folder.resolve("config.json");
            Files.writeString(configFile, config, StandardCharsets.UTF_8);
            RandomCheckpoint.forConfig(configFile).write(folder, 17, dtype);
            return LanguageModel.load(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
