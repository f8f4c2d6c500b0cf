package dev.rein.formats.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Growing a checkpoint's vocabulary at the file level: the dtype kept (a BF16 mean row is the F32 mean rounded),
 * every other tensor unchanged, a size already reached changing nothing, and no shrinking. Loading with logits is
 * training's {@code ModelWithSpecialTokensTest}.
 */
class VocabularyResizeTest {
    @TempDir
    Path dir;

    private Path model(String config, DType dtype) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("source"));
        Path configFile = Files.writeString(dir.resolve("config.json"), config);
        RandomCheckpoint.forConfig(configFile).write(folder, 5, dtype);
        return folder;
    }

    @Test
    void aBf16UntiedModelKeepsItsDtypeAndItsOtherTensors() throws IOException {
        Path source = model("""
                {"model_type": "llama", "hidden_size": 16, "intermediate_size": 24, "num_hidden_layers": 1,
                 "num_attention_heads": 2, "vocab_size": 10, "tie_word_embeddings": false}""", DType.BF16);
        Path target = dir.resolve("target");
        VocabularyResize.write(source, target, 13);
        assertEquals(13, ModelConfig.readFolder(target).vocabSize());
        try (Checkpoint before = Checkpoint.open(source); Checkpoint after = Checkpoint.open(target)) {
            assertEquals(before.names(), after.names());
            for (String name : before.names()) {
                Tensor old = before.tensor(name);
                Tensor grown = after.tensor(name);
                assertEquals(DType.BF16, grown.dtype(), name);
                if (!name.equals("model.embed_tokens.weight") && !name.equals("lm_head.weight")) {
                    assertArrayEquals(old.toFloatArray(), grown.toFloatArray(), name);
                    continue;
                }
                assertArrayEquals(new int[] {13, 16}, grown.shape(), name);
                Tensor mean = old.to(DType.F32).mean(0).to(DType.BF16);
                for (int row = 10; row < 13; row++) {
                    assertArrayEquals(mean.toFloatArray(), grown.narrow(0, row, 1).contiguous().toFloatArray(),
                            name + " row " + row);
                }
            }
        }
    }

    @Test
    void aGpt2AtItsOwnSizeIsUnchangedAndTheVocabularyNeverShrinks() throws IOException {
        Path source = model("""
                {"model_type": "gpt2", "n_embd": 16, "n_layer": 1, "n_head": 2, "n_positions": 8, "vocab_size": 10}
                """, DType.F32);
        Path same = dir.resolve("same");
        VocabularyResize.write(source, same, 10);
        try (Checkpoint before = Checkpoint.open(source); Checkpoint after = Checkpoint.open(same)) {
            assertEquals(before.names(), after.names());
            assertArrayEquals(before.tensor("transformer.wte.weight").toFloatArray(),
                    after.tensor("transformer.wte.weight").toFloatArray());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VocabularyResize.write(source, dir.resolve("smaller"), 9));
        assertEquals(source + ": cannot shrink the vocabulary from 10 to 9 rows", e.getMessage());
    }
}
