package dev.rein.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.config.ModelFamily;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.tensor.DType;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every family's random reference checkpoint in ../shared written as an F32 GGUF and read back: the same config
 * (Mistral comes back as Llama without its sliding window, as llama.cpp's converter writes it) and the same tensors
 * under Hugging Face's names, so the layout changes GGUF makes (rotary row order, Gemma's 1 + w norms, GPT-2's
 * transposed Conv1D weights, Llama 3's rope_freqs) are undone exactly.
 */
class GgufExportRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"random-llama-gqa-rope-llama3", "random-mistral-swa", "random-qwen2-bias",
            "random-qwen3-tiny", "random-gemma", "random-gemma2", "random-gemma3-swa", "random-gemma3-tiny",
            "random-gpt2-tiny"})
    void anF32GgufGivesBackTheCheckpoint(String model) throws IOException {
        Path folder = SharedData.path("reference/models/" + model);
        ModelConfig config = ModelConfig.readFolder(folder);
        Path file = dir.resolve(model + ".gguf");
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            GgufExport.write(file, config, checkpoint, GgufQuantType.F32, model, Map.of());
            try (GgufCheckpoint gguf = GgufCheckpoint.open(file)) {
                ModelConfig read = gguf.config();
                ModelFamily expectedFamily = config.family() == ModelFamily.MISTRAL ? ModelFamily.LLAMA
                        : config.family();
                assertEquals(expectedFamily, read.family());
                assertEquals(config.vocabSize(), read.vocabSize());
                assertEquals(config.hiddenSize(), read.hiddenSize());
                assertEquals(config.intermediateSize(), read.intermediateSize());
                assertEquals(config.activation(), read.activation());
                assertEquals((float) config.normEps(), (float) read.normEps());
                assertEquals(config.tieWordEmbeddings(), read.tieWordEmbeddings());
                assertEquals(config.finalLogitSoftcapping(), read.finalLogitSoftcapping());
                if (config.family() != ModelFamily.MISTRAL) {
                    assertEquals(config.attention(), read.attention());
                    assertEquals(config.positions().toString(), read.positions().toString());
                }
                assertEquals(checkpoint.names().stream().filter(n -> !n.equals("lm_head.weight")
                        || !config.tieWordEmbeddings()).sorted().toList(), gguf.names());
                for (String name : gguf.names()) {
                    float[] expected = checkpoint.tensor(name).to(DType.F32).contiguous().toFloatArray();
                    float[] actual = gguf.tensor(name).contiguous().toFloatArray();
                    assertArrayEquals(checkpoint.tensor(name).shape(), gguf.tensor(name).shape(), name);
                    if (config.family().isGemma() && name.endsWith("norm.weight")) {
                        assertArrayEquals(expected, actual, 1e-6f, name); // stored as 1 + w
                    } else {
                        assertArrayEquals(expected, actual, name);
                    }
                }
            }
        }
        assertTrue(GgufFile.isGgufFile(file));
    }
}
