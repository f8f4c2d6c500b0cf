package dev.rein.steering.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import dev.rein.formats.safetensors.SafetensorsWriter;
import dev.rein.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A control vector's file round-trips, and files that are not one are refused naming the tensor. */
class ControlVectorTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReadsEveryLayer() throws Exception {
        TreeMap<Integer, Tensor> directions = new TreeMap<>();
        directions.put(1, Tensor.of(new float[] {1f, -2f, 3f}, 3));
        directions.put(4, Tensor.of(new float[] {0.5f, 0f, -0.25f}, 3));
        Path file = dir.resolve("v.safetensors");
        new ControlVector("tiny-model", directions).write(file);
        byte[] first = Files.readAllBytes(file);
        ControlVector read = ControlVector.read(file);
        assertEquals("tiny-model", read.modelHint());
        assertEquals(directions.keySet(), read.directions().keySet());
        assertArrayEquals(new float[] {0.5f, 0f, -0.25f}, read.directions().get(4).toFloatArray());
        read.write(file);
        assertArrayEquals(first, Files.readAllBytes(file), "a round trip should write the same bytes");
    }

    @Test
    void ggufRoundTripsByteExactAndRefusesLayerZero() throws Exception {
        TreeMap<Integer, Tensor> directions = new TreeMap<>();
        directions.put(1, Tensor.of(new float[] {1f, -2f, 3f}, 3));
        directions.put(3, Tensor.of(new float[] {0.5f, 0f, -0.25f}, 3));
        Path file = dir.resolve("v.gguf");
        new ControlVector("tiny-model", directions).write(file);
        byte[] first = Files.readAllBytes(file);
        ControlVector read = ControlVector.read(file);
        assertEquals("tiny-model", read.modelHint());
        assertArrayEquals(new float[] {1f, -2f, 3f}, read.directions().get(1).toFloatArray());
        read.write(file);
        assertArrayEquals(first, Files.readAllBytes(file));
        directions.put(0, Tensor.zeros(3));
        assertThrows(IllegalArgumentException.class,
                () -> new ControlVector("x", directions).write(dir.resolve("zero.gguf")));
    }

    /**
     * A control vector as llama.cpp's GGUF layout specifies it, written byte by byte here (not by Rein's writer):
     * magic, version 3, tensor and metadata counts, the metadata repeng's export writes, one tensor info per layer
     * (name, one dim, type F32 = 0, offset), padding to 32 bytes, then the data.
     */
    @Test
    void readsAGgufControlVectorWrittenByHand() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(4096).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        head.put("GGUF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(3).putLong(2).putLong(3);
        string(head, "general.architecture");
        head.putInt(8);                                                      // string
        string(head, "controlvector");
        string(head, "controlvector.model_hint");
        head.putInt(8);
        string(head, "llama");
        string(head, "controlvector.layer_count");
        head.putInt(4).putInt(2);                                            // uint32 2
        string(head, "direction.2");
        head.putInt(1).putLong(4).putInt(0).putLong(0);                      // 1 dim of 4, F32, offset 0
        string(head, "direction.5");
        head.putInt(1).putLong(4).putInt(0).putLong(32);                     // aligned to 32
        while (head.position() % 32 != 0) head.put((byte) 0);
        float[] two = {0.25f, -1f, 2f, 8f};
        float[] five = {-3f, 0f, 1.5f, 4f};
        for (float v : two) head.putFloat(v);
        for (int i = 0; i < 4; i++) head.putInt(0);                          // pad the first tensor to 32 bytes
        for (float v : five) head.putFloat(v);
        out.write(head.array(), 0, head.position());
        Path file = Files.write(dir.resolve("hand.gguf"), out.toByteArray());
        ControlVector read = ControlVector.read(file);
        assertEquals("llama", read.modelHint());
        assertEquals(java.util.Set.of(2, 5), read.directions().keySet());
        assertArrayEquals(two, read.directions().get(2).toFloatArray());
        assertArrayEquals(five, read.directions().get(5).toFloatArray());
    }

    private static void string(java.nio.ByteBuffer buffer, String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        buffer.putLong(bytes.length).put(bytes);
    }

    @Test
    void refusesOtherTensorsAndShapes() throws Exception {
        Path other = dir.resolve("other.safetensors");
        SafetensorsWriter.write(other, Map.of("weight", Tensor.zeros(3)), Map.of());
        FormatException e = assertThrows(FormatException.class, () -> ControlVector.read(other));
        assertTrue(e.getMessage().contains("weight"), e.getMessage());
        Path matrix = dir.resolve("matrix.safetensors");
        SafetensorsWriter.write(matrix, Map.of("direction.2", Tensor.zeros(2, 3)), Map.of());
        assertThrows(FormatException.class, () -> ControlVector.read(matrix));
        Path widths = dir.resolve("widths.safetensors");
        SafetensorsWriter.write(widths, Map.of("direction.1", Tensor.zeros(3), "direction.2", Tensor.zeros(4)),
                Map.of());
        assertThrows(FormatException.class, () -> ControlVector.read(widths));
    }
}
