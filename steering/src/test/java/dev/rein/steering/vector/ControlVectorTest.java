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
