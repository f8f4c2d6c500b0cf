package dev.rein.formats.llama2c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.WeightSource;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * stories260K in llama2.c's format (../shared/models/llama2c) against the same model converted to Hugging Face's
 * layout (../shared/models/stories260K): same tensor names, every tensor bit for bit equal, same architecture.
 */
class Stories260KTest {
    private static final String LLAMA2C_FILE = "models/llama2c/stories260K.bin";
    private static final String HF_FOLDER = "models/stories260K";

    @TempDir
    Path dir;

    @Test
    void everyTensorEqualsTheHuggingFaceCopy() throws IOException {
        try (Llama2cCheckpoint llama2c = Llama2cCheckpoint.open(SharedData.path(LLAMA2C_FILE));
                Checkpoint hf = Checkpoint.open(SharedData.path(HF_FOLDER))) {
            assertEquals(0, llama2c.formatVersion());
            assertSameTensors(hf, llama2c);
        }
    }

    @Test
    void configEqualsTheHuggingFaceConfig() throws IOException {
        ModelConfig hf = ModelConfig.readFolder(SharedData.path(HF_FOLDER));
        try (Llama2cCheckpoint llama2c = Llama2cCheckpoint.open(SharedData.path(LLAMA2C_FILE))) {
            ModelConfig config = llama2c.config();
            assertEquals(hf.family(), config.family());
            assertEquals(hf.modelType(), config.modelType());
            assertEquals(hf.vocabSize(), config.vocabSize());
            assertEquals(hf.hiddenSize(), config.hiddenSize());
            assertEquals(hf.numLayers(), config.numLayers());
            assertEquals(hf.intermediateSize(), config.intermediateSize());
            assertEquals(hf.activation(), config.activation());
            assertEquals(hf.mlpBias(), config.mlpBias());
            assertEquals(hf.normEps(), config.normEps());
            assertEquals(hf.maxPositions(), config.maxPositions());
            assertEquals(hf.positions(), config.positions());
            assertEquals(hf.attention(), config.attention());
            assertEquals(hf.tieWordEmbeddings(), config.tieWordEmbeddings());
            assertEquals(hf.finalLogitSoftcapping(), config.finalLogitSoftcapping());
            assertEquals(hf.specialTokens(), config.specialTokens());
            assertEquals(hf.dtype(), config.dtype());
            assertEquals(hf.raw(), config.raw());
        }
    }

    /**
     * The test exporter, fed the Hugging Face weights, writes the real file byte for byte (except the unused RoPE
     * tables), which vouches for it; its version 1 export of the same weights then reads back equal too.
     */
    @Test
    void aVersion1ExportOfTheModelReadsTheSame() throws IOException {
        byte[] real = Files.readAllBytes(SharedData.path(LLAMA2C_FILE));
        try (Checkpoint hf = Checkpoint.open(SharedData.path(HF_FOLDER))) {
            Llama2cExport.Params params = new Llama2cExport.Params(64, 172, 5, 8, 4, 512, 512, true);
            Map<String, float[]> weights = new LinkedHashMap<>();
            for (String name : hf.names()) weights.put(name, hf.tensor(name).toFloatArray());

            byte[] version0 = Llama2cExport.version0(params, weights, 0);
            assertEquals(real.length, version0.length);
            int ropeTableBytes = params.seqLen() * params.headSize() / 2 * Float.BYTES;
            int ropeTablesStart = real.length - 2 * ropeTableBytes;
            assertArrayEquals(Arrays.copyOf(real, ropeTablesStart), Arrays.copyOf(version0, ropeTablesStart));

            Path file = Files.write(dir.resolve("stories260K-v1.bin"), Llama2cExport.version1(params, weights));
            try (Llama2cCheckpoint version1 = Llama2cCheckpoint.open(file)) {
                assertEquals(1, version1.formatVersion());
                assertSameTensors(hf, version1);
            }
        }
    }

    private static void assertSameTensors(WeightSource expected, WeightSource actual) {
        List<String> names = expected.names();
        assertEquals(names, actual.names());
        assertTrue(names.contains("model.layers.4.self_attn.k_proj.weight"));
        for (String name : names) {
            Tensor want = expected.tensor(name);
            Tensor got = actual.tensor(name);
            assertEquals(DType.F32, want.dtype(), name);
            assertEquals(DType.F32, got.dtype(), name);
            assertArrayEquals(want.shape(), got.shape(), name);
            assertArrayEquals(want.toFloatArray(), got.toFloatArray(), name);
        }
    }
}
