package dev.rein.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import dev.rein.formats.WeightMemory;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {
    @TempDir
    Path dir;

    private SafetensorsFile open(byte[] contents) throws IOException {
        Path file = dir.resolve("test.safetensors");
        Files.write(file, contents);
        return SafetensorsFile.open(file);
    }

    @Test
    void readsTheReferenceLibrarysSerializationExample() throws IOException {
        // The bytes of test_serialization in huggingface/safetensors: one F32 tensor [1, 2, 3] holding 0..5.
        String header = "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}";
        try (SafetensorsFile file = open(FileBytes.file(header, FileBytes.floats(0, 1, 2, 3, 4, 5)))) {
            assertEquals(List.of("attn.0"), file.names());
            Tensor tensor = file.tensor("attn.0");
            assertEquals(DType.F32, tensor.dtype());
            assertArrayEquals(new int[] {1, 2, 3}, tensor.shape());
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, tensor.toFloatArray());
            assertEquals(Map.of(), file.metadata());
        }
    }

    @Test
    void viewsEveryDtypeScalarsEmptyTensorsAndMisalignedStarts() throws IOException {
        // BOOL [1] first puts the F32 and I64 tensors at odd offsets: views must not need alignment.
        String header = "{\"__metadata__\":{\"format\":\"pt\",\"note\":\"é\"},"
                + "\"flag\":{\"dtype\":\"BOOL\",\"shape\":[1],\"data_offsets\":[0,1]},"
                + "\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[1,9]},"
                + "\"id\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[9,17]},"
                + "\"empty\":{\"dtype\":\"I32\",\"shape\":[2,0],\"data_offsets\":[17,17]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[17,19]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[19,21]},"
                + "\"i\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[21,25]}}";
        byte[] data = FileBytes.concat(new byte[] {1}, FileBytes.floats(1.5f, -2f),
                new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                        (byte) 0xFF},
                new byte[] {0x00, 0x3C}, new byte[] {(byte) 0x80, 0x3F}, new byte[] {7, 0, 0, 0});
        try (SafetensorsFile file = open(FileBytes.file(header, data))) {
            assertEquals(List.of("flag", "x", "id", "empty", "h", "b", "i"), file.names());
            assertEquals(Map.of("format", "pt", "note", "é"), file.metadata());
            assertEquals(1, file.tensor("flag").getLong(0));
            assertArrayEquals(new float[] {1.5f, -2f}, file.tensor("x").toFloatArray());
            assertEquals(0, file.tensor("id").rank());
            assertEquals(-2, file.tensor("id").getLong());
            assertArrayEquals(new int[] {2, 0}, file.tensor("empty").shape());
            assertEquals(0, file.tensor("empty").numel());
            assertEquals(1f, file.tensor("h").getFloat(0));
            assertEquals(1f, file.tensor("b").getFloat(0));
            assertEquals(7, file.tensor("i").getLong(0));

            TensorInfo info = file.info("x");
            assertEquals(DType.F32, info.dtype());
            assertArrayEquals(new int[] {2}, info.shape());
            assertEquals(1, info.begin());
            assertEquals(9, info.end());
            assertEquals(8, info.byteSize());
            assertEquals(2, info.numel());
        }
    }

    @Test
    void acceptsTrailingJsonWhitespaceAndNullMetadata() throws IOException {
        try (SafetensorsFile file = open(FileBytes.file("{}\r \t\n", new byte[0]))) {
            assertEquals(List.of(), file.names());
        }
        try (SafetensorsFile file = open(FileBytes.file("{\"__metadata__\":null}", new byte[0]))) {
            assertEquals(Map.of(), file.metadata());
        }
    }

    @ParameterizedTest
    @EnumSource(WeightMemory.class)
    void viewsAreReadOnlyAndEndWithClose(WeightMemory memory) throws IOException {
        String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        Path path = dir.resolve("test.safetensors");
        Files.write(path, FileBytes.file(header, FileBytes.floats(3f)));
        SafetensorsFile file = SafetensorsFile.open(path, memory);
        assertEquals(3f, file.tensor("x").getFloat(0));
        Tensor view = file.tensor("x");
        assertThrows(IllegalArgumentException.class, () -> view.setFloat(1f, 0));
        assertTrue(file.contains("x"));
        assertFalse(file.contains("y"));
        file.close();
        file.close();
        assertThrows(IllegalStateException.class, () -> view.getFloat(0));
        assertThrows(IllegalStateException.class, () -> file.tensor("x"));
    }

    @Test
    void copiedAndMappedWeightsHoldTheSameBytesAndTheCopyOutlivesTheFile() throws IOException {
        // odd offsets and several dtypes, as in viewsEveryDtype...; the copy is read back after the file is replaced
        String header = "{\"flag\":{\"dtype\":\"BOOL\",\"shape\":[1],\"data_offsets\":[0,1]},"
                + "\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[1,13]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[13,17]}}";
        byte[] data = FileBytes.concat(new byte[] {1}, FileBytes.floats(1.5f, -2f, 1e-3f),
                new byte[] {(byte) 0x80, 0x3F, 0x00, (byte) 0xC0});
        Path path = dir.resolve("weights.safetensors");
        Files.write(path, FileBytes.file(header, data));
        try (SafetensorsFile copied = SafetensorsFile.open(path, WeightMemory.COPY);
             SafetensorsFile mapped = SafetensorsFile.open(path, WeightMemory.MAPPED)) {
            for (String name : mapped.names()) {
                assertArrayEquals(mapped.tensor(name).toFloatArray(), copied.tensor(name).toFloatArray(), name);
            }
            Files.delete(path);
            Files.write(path, FileBytes.file(header, new byte[data.length]));
            assertArrayEquals(new float[] {1.5f, -2f, 1e-3f}, copied.tensor("x").toFloatArray());
            assertArrayEquals(new float[] {1f, -2f}, copied.tensor("b").toFloatArray());
        }
    }

    @Test
    void anUnknownNameIsAFormatErrorNamingFileAndTensor() throws IOException {
        String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        try (SafetensorsFile file = open(FileBytes.file(header, FileBytes.floats(3f)))) {
            FormatException e = assertThrows(FormatException.class, () -> file.tensor("lm_head.weight"));
            assertEquals("lm_head.weight", e.field());
            assertTrue(e.getMessage().contains(file.file().toString()), e.getMessage());
            assertThrows(FormatException.class, () -> file.info("lm_head.weight"));
        }
    }
}
