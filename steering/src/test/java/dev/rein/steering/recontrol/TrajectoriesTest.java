package dev.rein.steering.recontrol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import dev.rein.formats.safetensors.SafetensorsWriter;
import dev.rein.models.hooks.HookPoints;
import dev.rein.tensor.DType;
import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrajectoriesTest {
    private static final Tensor STATES = new TensorRandom(4).normal(0f, 1f, 3, 4, 2);
    private static final Tensor MASK = Tensor.ofBools(new boolean[] {
            true, true, true, true,
            true, false, false, false,
            true, true, false, false}, 3, 4);

    private final Trajectories trajectories = new Trajectories(HookPoints.FINAL_NORMALIZED, STATES, MASK);

    @Test
    void validStepsAndSelectedRows() {
        assertEquals(3, trajectories.rows());
        assertEquals(4, trajectories.steps());
        assertEquals(2, trajectories.width());
        assertEquals(4, trajectories.validSteps(0));
        assertEquals(1, trajectories.validSteps(1));
        Trajectories picked = trajectories.select(new int[] {2, 0});
        assertEquals(2, picked.validSteps(0));
        assertEquals(DType.BOOL, picked.mask().dtype());
        assertArrayEquals(STATES.select(0, 2).toFloatArray(), picked.states().select(0, 0).toFloatArray());
    }

    @Test
    void aFileReadsBackWithItsHookPoint(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("states.safetensors");
        trajectories.write(file);
        Trajectories read = Trajectories.read(file);
        assertEquals(HookPoints.FINAL_NORMALIZED, read.hookPoint());
        assertArrayEquals(STATES.toFloatArray(), read.states().toFloatArray());
        assertArrayEquals(MASK.toFloatArray(), read.mask().toFloatArray());
    }

    @Test
    void masksWithGapsOrEmptyRowsAreRefused(@TempDir Path folder) throws IOException {
        Tensor gap = Tensor.ofBools(new boolean[] {true, false, true, false}, 1, 4);
        assertThrows(IllegalArgumentException.class, () -> new Trajectories(HookPoints.FINAL_NORMALIZED,
                Tensor.zeros(1, 4, 2), gap));
        Path file = folder.resolve("gap.safetensors");
        SafetensorsWriter.write(file, Map.of("states", Tensor.zeros(1, 4, 2), "mask", gap),
                Map.of("hook_point", HookPoints.FINAL_NORMALIZED));
        FormatException gapError = assertThrows(FormatException.class, () -> Trajectories.read(file));
        assertTrue(gapError.getMessage().contains("mask") && gapError.getMessage().contains("step 2"),
                gapError.getMessage());

        Tensor empty = Tensor.ofBools(new boolean[4], 1, 4);
        assertThrows(IllegalArgumentException.class, () -> new Trajectories(HookPoints.FINAL_NORMALIZED,
                Tensor.zeros(1, 4, 2), empty));
    }

    @Test
    void missingPiecesNameTheFileAndField(@TempDir Path folder) throws IOException {
        Path noPoint = folder.resolve("no-point.safetensors");
        SafetensorsWriter.write(noPoint, Map.of("states", STATES, "mask", MASK), Map.of());
        FormatException point = assertThrows(FormatException.class, () -> Trajectories.read(noPoint));
        assertTrue(point.getMessage().contains("no-point.safetensors") && point.getMessage().contains("hook_point"),
                point.getMessage());

        Path noMask = folder.resolve("no-mask.safetensors");
        SafetensorsWriter.write(noMask, Map.of("states", STATES), Map.of("hook_point", "x"));
        assertTrue(assertThrows(FormatException.class, () -> Trajectories.read(noMask)).getMessage().contains("mask"));

        Path wrongShape = folder.resolve("wrong-shape.safetensors");
        SafetensorsWriter.write(wrongShape, Map.of("states", STATES, "mask", Tensor.ofBools(new boolean[3], 3, 1)),
                Map.of("hook_point", "x"));
        FormatException shape = assertThrows(FormatException.class, () -> Trajectories.read(wrongShape));
        assertTrue(shape.getMessage().contains("[3, 4]"), shape.getMessage());
    }
}
