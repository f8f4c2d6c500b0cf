package dev.rein.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {
    @TempDir
    Path dir;

    private byte[] written(Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Path file = dir.resolve("out.safetensors");
        SafetensorsWriter.write(file, tensors, metadata);
        return Files.readAllBytes(file);
    }

    private static String spaces(int count) {
        return " ".repeat(count);
    }

    @Test
    void matchesTheReferenceLibrarysBytes() throws IOException {
        // The expected files of test_serialization, test_serialization_forced_alignement and test_empty in
        // huggingface/safetensors.
        Tensor values = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 2, 3);
        assertArrayEquals(FileBytes.file("{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}",
                FileBytes.floats(0, 1, 2, 3, 4, 5)), written(Map.of("attn.0", values), Map.of()));
        assertArrayEquals(FileBytes.file("{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}"
                + spaces(7), FileBytes.floats(0, 1, 2, 3, 4, 5)),
                written(Map.of("attn0", values.reshape(1, 1, 2, 3)), Map.of()));
        assertArrayEquals(FileBytes.file("{}" + spaces(6), 0), written(Map.of(), Map.of()));
        assertArrayEquals(FileBytes.file("{\"__metadata__\":{\"framework\":\"pt\"}}" + spaces(5), 0),
                written(Map.of(), Map.of("framework", "pt")));
    }

    @Test
    void layoutIsByDtypeLargestFirstThenCodePointOrderSoEveryTensorIsAligned() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b", Tensor.zeros(DType.BOOL, 3));
        tensors.put("a", Tensor.zeros(DType.BOOL, 1));
        tensors.put("h", Tensor.zeros(DType.F16, 3));
        tensors.put("bf", Tensor.zeros(DType.BF16, 1));
        tensors.put("i", Tensor.zeros(DType.I32, 1));
        tensors.put("f", Tensor.zeros(DType.F32, 1));
        tensors.put("\uD83D\uDE00", Tensor.zeros(DType.I64, 1)); // U+1F600: after U+FFFF in code point order
        tensors.put("\uFFFF", Tensor.zeros(DType.I64, 1)); // but before it in UTF-16 (String.compareTo) order
        Path file = dir.resolve("order.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of());
        List<String> expectedOrder = List.of("\uFFFF", "\uD83D\uDE00", "f", "i", "bf", "h", "a", "b");
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertEquals(expectedOrder, read.names());
            for (String name : read.names()) {
                long address = read.tensor(name).storage().segment().address();
                assertEquals(0, address % read.info(name).dtype().byteSize(), name);
            }
        }
        String header = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        for (int i = 1; i < expectedOrder.size(); i++) { // header entries in data order, as the reference writes them
            assertTrue(header.indexOf("\"" + expectedOrder.get(i - 1) + "\":")
                    < header.indexOf("\"" + expectedOrder.get(i) + "\":"), expectedOrder.get(i));
        }
    }

    @Test
    void stringsAreEscapedAsSerdeJsonEscapesThem() throws IOException {
        byte[] file = written(Map.of("a\u001f\n\"\\/\u00e9\uD83D\uDE00", Tensor.zeros(DType.BOOL, 0)), Map.of());
        String header = new String(file, 8, file.length - 8, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"a\\u001f\\n\\\"\\\\/\u00e9\uD83D\uDE00\":"), header);
    }

    @Test
    void nonContiguousViewsAreWrittenInLogicalRowMajorOrder() throws IOException {
        Random random = new Random(7);
        Tensor base = RandomTensors.tensor(random, DType.BF16, 4, 5, 6);
        Map<String, Tensor> views = new LinkedHashMap<>();
        views.put("permuted", base.permute(2, 0, 1));
        views.put("strided", base.slice(2, 1, 6, 2));
        views.put("narrowed", base.narrow(1, 1, 3));
        views.put("expanded", RandomTensors.tensor(random, DType.I64, 3, 1).expand(3, 4));
        views.put("column", base.select(2, 3));
        Path file = dir.resolve("views.safetensors");
        SafetensorsWriter.write(file, views, Map.of());
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            for (Map.Entry<String, Tensor> view : views.entrySet()) {
                assertFalse(view.getValue().isContiguous(), view.getKey());
                RandomTensors.assertSameTensor(view.getKey(), view.getValue(), read.tensor(view.getKey()));
            }
        }
    }

    @Test
    void tensorsLargerThanTheBufferAreWrittenWhole() throws IOException {
        Random random = new Random(3);
        Tensor big = RandomTensors.tensor(random, DType.F32, 700, 1000); // 2.8 MB, more than the 1 MiB buffer
        Map<String, Tensor> tensors = Map.of("big", big, "bigT", big.mT());
        Path file = dir.resolve("big.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of());
        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            RandomTensors.assertSameTensor("big", big, read.tensor("big"));
            RandomTensors.assertSameTensor("bigT", big.mT(), read.tensor("bigT"));
        }
    }

    @Test
    void aFailedWriteLeavesNeitherTargetNorTemporaryFile() throws IOException {
        Path source = dir.resolve("source.safetensors");
        SafetensorsWriter.write(source, Map.of("x", Tensor.of(1f, 2f)), Map.of());
        SafetensorsFile closed = SafetensorsFile.open(source);
        Tensor unreadable = closed.tensor("x");
        closed.close();
        Map<String, Tensor> tensors = Map.of("a", Tensor.of(3f), "z", unreadable); // "z" is written last and fails

        Path target = dir.resolve("target.safetensors");
        assertThrows(IllegalStateException.class, () -> SafetensorsWriter.write(target, tensors, Map.of()));
        assertFalse(Files.exists(target));
        assertEquals(List.of(source), listDir());

        SafetensorsWriter.write(target, Map.of("kept", Tensor.of(5f)), Map.of());
        byte[] before = Files.readAllBytes(target);
        assertThrows(IllegalStateException.class, () -> SafetensorsWriter.write(target, tensors, Map.of()));
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(source, target), listDir());
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void argumentsThatCannotBeWrittenAreRejectedBeforeAnyFileIsCreated() {
        Path target = dir.resolve("bad.safetensors");
        Map<String, Tensor> nullTensor = new LinkedHashMap<>();
        nullTensor.put("x", null);
        assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.write(target, Map.of("__metadata__", Tensor.of(1f)), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.write(target, nullTensor, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.write(target, Map.of("x\uD800", Tensor.of(1f)), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.write(target, Map.of(), Map.of("k", "\uDC00")));
        assertFalse(Files.exists(target));
    }

    /** A one-dimensional F32 tensor whose elements 0, 1, 2, ... come one element per piece. */
    private record CountingTensor(int declared, int produced) implements StreamedTensor {
        @Override
        public DType dtype() {
            return DType.F32;
        }

        @Override
        public int[] shape() {
            return new int[] {declared};
        }

        @Override
        public void writeTo(ByteSink out) throws IOException {
            for (int i = 0; i < produced; i++) {
                out.write(MemorySegment.ofArray(new float[] {i}));
            }
        }
    }

    @Test
    void streamedTensorsGiveTheBytesOfTheSameTensorsInMemory() throws IOException {
        Path streamed = dir.resolve("streamed.safetensors");
        SafetensorsWriter.writeStreamed(streamed, Map.of("w", new CountingTensor(5, 5)), Map.of("format", "pt"));
        assertArrayEquals(written(Map.of("w", Tensor.of(0, 1, 2, 3, 4)), Map.of("format", "pt")),
                Files.readAllBytes(streamed));
    }

    @Test
    void aStreamedTensorThatProducesTheWrongNumberOfBytesFailsTheWrite() throws IOException {
        Path target = dir.resolve("short.safetensors");
        for (int produced : new int[] {3, 5}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> SafetensorsWriter.writeStreamed(target, Map.of("w", new CountingTensor(4, produced)),
                            Map.of()));
            assertTrue(error.getMessage().contains("tensor w produced " + 4 * produced + " bytes"), error.getMessage());
        }
        assertEquals(List.of(), listDir());
    }
}
