package dev.rein.training.testing;

import dev.rein.formats.init.RandomCheckpoint;
import dev.rein.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny random LLaMA for training tests: hidden 32, 2 layers, 4 heads (2 key/value heads), a vocabulary of 64. */
public final class TinyLlama {
    public static final int VOCAB = 64;

    private static final String CONFIG = """
            {"model_type": "llama", "vocab_size": 64, "hidden_size": 32, "intermediate_size": 64,
             "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
             "max_position_embeddings": 128, "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
             "tie_word_embeddings": false, "bos_token_id": 1, "eos_token_id": 2, "initializer_range": 0.1}
            """;

    private TinyLlama() {
    }

    /** Writes the model folder (config.json, model.safetensors in F32) and returns it. */
    public static Path write(Path folder, long seed) throws IOException {
        Files.createDirectories(folder);
        Path config = Files.writeString(folder.resolve("source-config.json"), CONFIG);
        RandomCheckpoint.forConfig(config).write(folder, seed, DType.F32);
        Files.delete(config);
        return folder;
    }
}
