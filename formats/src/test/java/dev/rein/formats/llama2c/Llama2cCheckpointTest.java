package dev.rein.formats.llama2c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import dev.rein.formats.config.Activation;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.config.ModelFamily;
import dev.rein.formats.config.PositionEncoding;
import dev.rein.formats.config.Rope;
import dev.rein.formats.config.RopeScaling;
import dev.rein.formats.config.SpecialTokens;
import dev.rein.formats.layout.RotaryPermutation;
import dev.rein.formats.safetensors.SafetensorsWriter;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Synthetic llama2.c files, written as llama2.c's export.py writes them, read back under Hugging Face's names. */
class Llama2cCheckpointTest {
    /** Grouped-query attention (4 heads, 2 key/value heads of width 4) so that q and k are permuted differently. */
    private static final Llama2cExport.Params UNSHARED =
            new Llama2cExport.Params(16, 24, 2, 4, 2, 10, 8, false);
    private static final Llama2cExport.Params SHARED =
            new Llama2cExport.Params(16, 24, 2, 4, 2, 10, 8, true);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "version {0}, shared classifier {1}")
    @CsvSource({"0, false", "0, true", "1, false", "1, true"})
    void everyTensorReadsBackUnderItsHuggingFaceName(int version, boolean shared) throws IOException {
        Llama2cExport.Params params = shared ? SHARED : UNSHARED;
        Map<String, float[]> weights = Llama2cExport.randomWeights(params, new Random(version * 2L + (shared ? 1 : 0)));
        Path file = write("model.bin", version == 0
                ? Llama2cExport.version0(params, weights, Float.NaN)
                : Llama2cExport.version1(params, weights));
        try (Llama2cCheckpoint checkpoint = Llama2cCheckpoint.open(file)) {
            assertEquals(version, checkpoint.formatVersion());
            assertEquals(weights.keySet().stream().sorted().toList(), checkpoint.names());
            for (Map.Entry<String, float[]> weight : weights.entrySet()) {
                assertTrue(checkpoint.contains(weight.getKey()));
                Tensor tensor = checkpoint.tensor(weight.getKey());
                assertEquals(DType.F32, tensor.dtype());
                assertArrayEquals(weight.getValue(), tensor.toFloatArray(), weight.getKey());
            }
            assertEquals(!shared, checkpoint.contains("lm_head.weight"));
        }
    }

    @Test
    void tensorsHaveTheShapesOfTheLinearLayers() throws IOException {
        try (Llama2cCheckpoint checkpoint = openUnshared()) {
            assertArrayEquals(new int[] {10, 16}, checkpoint.tensor("model.embed_tokens.weight").shape());
            assertArrayEquals(new int[] {16}, checkpoint.tensor("model.layers.1.input_layernorm.weight").shape());
            assertArrayEquals(new int[] {16, 16}, checkpoint.tensor("model.layers.0.self_attn.q_proj.weight").shape());
            assertArrayEquals(new int[] {8, 16}, checkpoint.tensor("model.layers.0.self_attn.k_proj.weight").shape());
            assertArrayEquals(new int[] {8, 16}, checkpoint.tensor("model.layers.0.self_attn.v_proj.weight").shape());
            assertArrayEquals(new int[] {16, 16}, checkpoint.tensor("model.layers.0.self_attn.o_proj.weight").shape());
            assertArrayEquals(new int[] {24, 16}, checkpoint.tensor("model.layers.0.mlp.gate_proj.weight").shape());
            assertArrayEquals(new int[] {24, 16}, checkpoint.tensor("model.layers.0.mlp.up_proj.weight").shape());
            assertArrayEquals(new int[] {16, 24}, checkpoint.tensor("model.layers.0.mlp.down_proj.weight").shape());
            assertArrayEquals(new int[] {10, 16}, checkpoint.tensor("lm_head.weight").shape());
        }
    }

    @Test
    void configIsTheEquivalentHuggingFaceLlamaConfig() throws IOException {
        try (Llama2cCheckpoint checkpoint = openUnshared()) {
            ModelConfig config = checkpoint.config();
            assertEquals(ModelFamily.LLAMA, config.family());
            assertEquals("llama", config.modelType());
            assertEquals(List.of(10, 16, 2, 24), List.of(config.vocabSize(), config.hiddenSize(), config.numLayers(),
                    config.intermediateSize()));
            assertEquals(List.of(4, 2, 4), List.of(config.attention().numHeads(), config.attention().numKvHeads(),
                    config.attention().headDim()));
            assertEquals(8, config.maxPositions());
            assertEquals(1e-5, config.normEps());
            Rope rope = new Rope(10000.0, new RopeScaling.None());
            assertEquals(new PositionEncoding.Rotary(rope, rope), config.positions());
            assertEquals(Activation.SILU, config.activation());
            assertFalse(config.mlpBias() || config.attention().qkvBias() || config.attention().outputBias());
            assertFalse(config.tieWordEmbeddings());
            assertEquals(new SpecialTokens(List.of(1), List.of(2), List.of()), config.specialTokens());
            assertEquals(Optional.of("float32"), config.dtype());
        }
        Path shared = write("shared.bin", Llama2cExport.version1(SHARED,
                Llama2cExport.randomWeights(SHARED, new Random(1))));
        try (Llama2cCheckpoint checkpoint = Llama2cCheckpoint.open(shared)) {
            assertTrue(checkpoint.config().tieWordEmbeddings());
        }
    }

    @Test
    void rotaryPermutationMovesEvenRowsOfEachHeadToItsFirstHalf() {
        // two heads of width 4, one column: rows (2i, 2i+1) become (i, i + 2)
        Tensor meta = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, 8, 1);
        assertArrayEquals(new float[] {0, 2, 1, 3, 4, 6, 5, 7},
                RotaryPermutation.toHalfSplit(meta, 2).toFloatArray());
        Tensor wide = Tensor.of(new float[] {0, 1, 10, 11, 20, 21, 30, 31}, 4, 2);
        assertArrayEquals(new float[] {0, 1, 20, 21, 10, 11, 30, 31},
                RotaryPermutation.toHalfSplit(wide, 1).toFloatArray());
    }

    @Test
    void unknownNamesAndClosedFilesAreReported() throws IOException {
        Llama2cCheckpoint checkpoint = openUnshared();
        FormatException unknown = assertThrows(FormatException.class, () -> checkpoint.tensor("model.wte.weight"));
        assertEquals("model.wte.weight", unknown.field());
        assertEquals(checkpoint.path(), unknown.file());
        checkpoint.close();
        checkpoint.close();
        assertThrows(IllegalStateException.class, () -> checkpoint.tensor("model.norm.weight"));
    }

    @Test
    void detectsLlama2cFilesByNameAndFirstBytes() throws IOException {
        byte[] llama2c = Llama2cExport.version0(UNSHARED, Llama2cExport.randomWeights(UNSHARED, new Random(2)), 0);
        assertTrue(Llama2cCheckpoint.isLlama2cFile(write("stories.bin", llama2c)));
        assertTrue(Llama2cCheckpoint.isLlama2cFile(write("STORIES.BIN", llama2c)));
        assertFalse(Llama2cCheckpoint.isLlama2cFile(write("stories.dat", llama2c)));
        assertFalse(Llama2cCheckpoint.isLlama2cFile(dir.resolve("missing.bin")));
        Files.createDirectory(dir.resolve("folder.bin"));
        assertFalse(Llama2cCheckpoint.isLlama2cFile(dir.resolve("folder.bin")));

        Path safetensors = dir.resolve("model.bin");
        SafetensorsWriter.write(safetensors, Map.of("w", Tensor.zeros(2, 2)), Map.of());
        assertFalse(Llama2cCheckpoint.isLlama2cFile(safetensors));
        assertFalse(Llama2cCheckpoint.isLlama2cFile(write("zip.bin", ForeignFiles.ZIP_START)));
        assertFalse(Llama2cCheckpoint.isLlama2cFile(write("pickle.bin", ForeignFiles.LEGACY_TORCH_START)));
    }

    private Llama2cCheckpoint openUnshared() throws IOException {
        Map<String, float[]> weights = Llama2cExport.randomWeights(UNSHARED, new Random(3));
        return Llama2cCheckpoint.open(write("unshared.bin", Llama2cExport.version0(UNSHARED, weights, 0)));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
