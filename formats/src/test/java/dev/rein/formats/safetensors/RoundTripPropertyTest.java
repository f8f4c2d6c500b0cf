package dev.rein.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded random checkpoints: write then read gives the same tensors; read then write gives the same bytes. */
class RoundTripPropertyTest {
    private static final int CASES = 300;

    @TempDir
    Path dir;

    @Test
    void writeThenReadGivesIdenticalTensorsAndReadThenWriteIdenticalBytes() throws IOException {
        Random random = new Random(20261122);
        Path first = dir.resolve("first.safetensors");
        Path second = dir.resolve("second.safetensors");
        for (int c = 0; c < CASES; c++) {
            Map<String, Tensor> tensors = withSomeViews(random, RandomTensors.checkpoint(random));
            Map<String, String> metadata = RandomTensors.metadata(random);
            String label = "case " + c;

            SafetensorsWriter.write(first, tensors, metadata);
            try (SafetensorsFile file = SafetensorsFile.open(first)) {
                assertEquals(tensors.keySet(), Set.copyOf(file.names()), label);
                assertEquals(metadata, file.metadata(), label);
                for (String name : file.names()) {
                    RandomTensors.assertSameTensor(label + " " + name, tensors.get(name), file.tensor(name));
                }
                SafetensorsWriter.write(second, file.tensors(), file.metadata());
            }
            assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), label);
        }
    }

    /** Replaces some rank-2+ tensors by transposed or strided views of a random base, so layouts vary too. */
    private static Map<String, Tensor> withSomeViews(Random random, Map<String, Tensor> tensors) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            Tensor tensor = entry.getValue();
            if (tensor.rank() >= 2 && random.nextBoolean()) {
                DType dtype = tensor.dtype();
                int[] shape = tensor.shape();
                tensor = random.nextBoolean()
                        ? RandomTensors.tensor(random, dtype, shape).mT()
                        : RandomTensors.tensor(random, dtype, shape[0] * 2 + 1, shape[1]).slice(0, 1, -1, 2);
            }
            out.put(entry.getKey(), tensor);
        }
        return out;
    }
}
