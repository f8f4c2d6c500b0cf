package dev.rein.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real checkpoints in ../shared; expected values were read with numpy from the same files. */
class RealCheckpointsTest {
    @TempDir
    Path dir;

    @Test
    void stories260K() throws IOException {
        try (Checkpoint checkpoint = Checkpoint.open(SharedData.path("models/stories260K"))) {
            assertEquals(47, checkpoint.names().size());
            assertFalse(checkpoint.contains("lm_head.weight")); // tied to the embedding
            for (String name : checkpoint.names()) {
                assertEquals(DType.F32, checkpoint.info(name).dtype(), name);
            }
            assertEquals(Map.of("format", "pt"), checkpoint.files().getFirst().metadata());

            Tensor embedding = checkpoint.tensor("model.embed_tokens.weight");
            assertArrayEquals(new int[] {512, 64}, embedding.shape());
            assertEquals(-0.29474878311157227f, embedding.getFloat(0, 0));
            assertEquals(-0.424032598733902f, embedding.getFloat(511, 63));
            Tensor norm = checkpoint.tensor("model.norm.weight");
            assertArrayEquals(new int[] {64}, norm.shape());
            assertEquals(2.4583089351654053f, norm.getFloat(0));
            Tensor value = checkpoint.tensor("model.layers.4.self_attn.v_proj.weight");
            assertArrayEquals(new int[] {32, 64}, value.shape());
            assertEquals(0.08836912363767624f, value.getFloat(31, 63));
            assertArrayEquals(new int[] {64, 172}, checkpoint.info("model.layers.0.mlp.down_proj.weight").shape());
        }
    }

    @Test
    void gpt2CappTiny() throws IOException {
        try (Checkpoint checkpoint = Checkpoint.open(SharedData.path("models/gpt2-capp-tiny"))) {
            assertEquals(52, checkpoint.names().size());
            Tensor tokens = checkpoint.tensor("transformer.wte.weight");
            assertArrayEquals(new int[] {53, 64}, tokens.shape());
            assertEquals(0.05683330073952675f, tokens.getFloat(0, 0));
            assertEquals(-0.06620313972234726f, tokens.getFloat(52, 63));
            assertArrayEquals(new int[] {512, 64}, checkpoint.tensor("transformer.wpe.weight").shape());
            assertEquals(-0.13831958174705505f, checkpoint.tensor("transformer.ln_f.bias").getFloat(0));
            Tensor projection = checkpoint.tensor("transformer.h.3.mlp.c_proj.weight");
            assertArrayEquals(new int[] {256, 64}, projection.shape()); // Conv1D: [in, out]
            assertEquals(0.011922513134777546f, projection.getFloat(255, 63));
        }
    }

    @Test
    void rewritingAFileFromTheReferenceWriterReproducesItByteForByte() throws IOException {
        Path original = SharedData.path("models/gpt2-capp-tiny/model.safetensors");
        Path copy = dir.resolve("model.safetensors");
        try (SafetensorsFile file = SafetensorsFile.open(original)) {
            SafetensorsWriter.write(copy, file.tensors(), file.metadata());
        }
        assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(copy));
    }

    @Test
    void rewritingAFileWithAnotherLayoutKeepsEveryTensor() throws IOException {
        // stories260K's header lists __metadata__ last, so its bytes differ from ours, but not its tensors.
        Path copy = dir.resolve("model.safetensors");
        try (SafetensorsFile original = SafetensorsFile.open(SharedData.path("models/stories260K/model.safetensors"))) {
            SafetensorsWriter.write(copy, original.tensors(), original.metadata());
            try (SafetensorsFile rewritten = SafetensorsFile.open(copy)) {
                assertEquals(original.metadata(), rewritten.metadata());
                assertTrue(rewritten.names().containsAll(original.names()));
                for (String name : original.names()) {
                    RandomTensors.assertSameTensor(name, original.tensor(name), rewritten.tensor(name));
                }
            }
        }
    }
}
