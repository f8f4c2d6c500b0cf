package dev.rein.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufFileTest {
    @TempDir
    Path dir;

    @Test
    void writtenFilesReadBackWithTheirMetadataAndTensors() throws IOException {
        Path file = GgufFiles.write(dir.resolve("small.gguf"));
        assertTrue(GgufFile.isGgufFile(file));
        try (GgufFile gguf = GgufFile.open(file)) {
            assertEquals(3, gguf.version());
            assertEquals(GgufFiles.metadata(), gguf.metadata().values());
            assertEquals(List.of("norm", "f16", "bf16", "q8", "q4", "q4k"), gguf.names());
            Tensor norm = gguf.tensor("norm");
            assertEquals(DType.F32, norm.dtype());
            assertArrayEquals(GgufFiles.random(1, 8), norm.toFloatArray());
            assertEquals(DType.F16, gguf.tensor("f16").dtype());
            assertArrayEquals(new int[] {3, 32}, gguf.tensor("f16").shape());
            for (String name : List.of("q8", "q4", "q4k")) {
                GgufTensorInfo info = gguf.info(name);
                float[] expected = new float[(int) info.numel()];
                Dequantization.decode(info.type(), gguf.bytes(name), expected);
                Tensor quantised = gguf.tensor(name);
                assertEquals(Dequantization.blockType(info.type()), quantised.dtype());
                assertArrayEquals(info.shape(), quantised.shape());
                assertArrayEquals(expected, quantised.toFloatArray(), name);
                assertArrayEquals(expected, quantised.to(DType.F32).toFloatArray(), name);
            }
            assertEquals(-5L, gguf.metadata().integer("test.i8"));
            assertEquals(0.25, gguf.metadata().optionalNumber("test.f32").orElseThrow());
            assertEquals(List.of("a", "", "é✓"), gguf.metadata().optionalStrings("test.strings").orElseThrow());
        }
    }

    @Test
    void aTypeReinDoesNotDecodeIsRefusedByName() throws IOException {
        Path file = dir.resolve("iq2.gguf");
        GgufWriter.write(file, Map.of(), List.of(new GgufWriter.Entry("blk.0.attn_q.weight", GgufTensorType.IQ2_XS,
                new int[] {2, 256}, () -> new byte[2 * 74])));
        try (GgufFile gguf = GgufFile.open(file)) {
            FormatException error = assertThrows(FormatException.class, () -> gguf.tensor("blk.0.attn_q.weight"));
            assertEquals(file + ": blk.0.attn_q.weight: tensor type IQ2_XS is not supported; Rein reads [F32, F16, "
                    + "Q4_0, Q8_0, Q4_K, Q6_K, BF16]", error.getMessage());
        }
    }

    @Test
    void badFilesFailWithTheFieldNamed() throws IOException {
        byte[] good = Files.readAllBytes(GgufFiles.write(dir.resolve("good.gguf")));
        assertMessage(java.util.Arrays.copyOf(good, 300), "metadata[");
        assertMessage(java.util.Arrays.copyOf(good, good.length - 10), "(truncated?)");
        assertMessage(new byte[] {'G', 'G', 'U', 'X'}, "not a GGUF file");
        byte[] version = good.clone();
        ByteBuffer.wrap(version).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 1);
        assertMessage(version, "header.version: version 1");
        byte[] count = good.clone();
        ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).putLong(8, 1L << 40);
        assertMessage(count, "header.tensor_count: count 1099511627776 cannot fit");
        byte[] unknownType = good.clone();
        int typeAt = indexOf(good, "q4k".getBytes()) + 3 + 4 + 16; // name, n_dims, two dims
        ByteBuffer.wrap(unknownType).order(ByteOrder.LITTLE_ENDIAN).putInt(typeAt, 99);
        assertMessage(unknownType, "tensor_infos[5] (q4k).type: unknown ggml tensor type 99");
        byte[] shape = good.clone();
        ByteBuffer.wrap(shape).order(ByteOrder.LITTLE_ENDIAN).putLong(typeAt - 8, 3); // rows [2, 256] -> [3, 256]
        assertMessage(shape, "q4k: data [");
    }

    private void assertMessage(byte[] bytes, String expected) throws IOException {
        Path file = dir.resolve("bad.gguf");
        Files.write(file, bytes);
        FormatException error = assertThrows(FormatException.class, () -> GgufFile.open(file).close());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
        assertEquals(-1, error.getMessage().indexOf('\n'));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void rowsAreDecodedOneAfterAnother() throws IOException {
        try (GgufFile gguf = GgufFile.open(GgufFiles.write(dir.resolve("rows.gguf")))) {
            MemorySegment bytes = gguf.bytes("q8");
            float[] second = new float[64];
            Dequantization.decode(GgufTensorType.Q8_0, bytes.asSlice(2 * 34), second);
            float[] all = gguf.tensor("q8").toFloatArray();
            assertArrayEquals(second, java.util.Arrays.copyOfRange(all, 64, 128));
        }
    }
}
