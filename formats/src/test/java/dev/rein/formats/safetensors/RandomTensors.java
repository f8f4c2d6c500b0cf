package dev.rein.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random checkpoints for property and fuzz tests: tensors of every dtype with random raw bits (NaN
 * payloads, negative zeros, any byte pattern), small shapes including scalars and empty dims, names and metadata
 * mixing ASCII, escapes, non-ASCII and supplementary characters. Also an independent oracle for the row-major
 * bytes of a tensor of any layout.
 */
final class RandomTensors {
    private static final String[] NAME_PIECES = {"model", "layers", "0", "17", "weight", "bias", "é", "Ω", "名",
            "\uD83D\uDE00", "\uFFFF", "q\"uote", "back\\slash", "tab\t", "new\nline", "/", " ", ".", "_"};

    private RandomTensors() {
    }

    static DType dtype(Random random) {
        return DTypeNames.LAYOUT_ORDER.get(random.nextInt(DTypeNames.LAYOUT_ORDER.size()));
    }

    /** Rank 0 to 4, dims 0 to 5 (0 rarely). */
    static int[] shape(Random random) {
        int[] shape = new int[random.nextInt(5)];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = random.nextInt(12) == 0 ? 0 : 1 + random.nextInt(5);
        }
        return shape;
    }

    /** A contiguous tensor whose bytes are random. */
    static Tensor tensor(Random random, DType dtype, int... shape) {
        Tensor tensor = Tensor.zeros(dtype, shape);
        MemorySegment segment = tensor.storage().segment();
        for (long i = 0, n = tensor.numel() * dtype.byteSize(); i < n; i++) {
            segment.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt());
        }
        return tensor;
    }

    /** Zero to six tensors of random dtypes and shapes under distinct random names. */
    static Map<String, Tensor> checkpoint(Random random) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = random.nextInt(7); i > 0; i--) {
            tensors.put(name(random), tensor(random, dtype(random), shape(random)));
        }
        return tensors;
    }

    /** Zero to three random string pairs. */
    static Map<String, String> metadata(Random random) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            metadata.put(name(random), name(random));
        }
        return metadata;
    }

    static String name(Random random) {
        StringBuilder name = new StringBuilder();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            name.append(NAME_PIECES[random.nextInt(NAME_PIECES.length)]);
        }
        return name.toString();
    }

    /** The elements of {@code tensor} in row-major order, byte for byte as stored, whatever its strides. */
    static byte[] rowMajorBytes(Tensor tensor) {
        int elementSize = tensor.dtype().byteSize();
        int[] shape = tensor.shape();
        long[] strides = tensor.strides();
        byte[] out = new byte[Math.toIntExact(tensor.numel() * elementSize)];
        for (int i = 0; i < tensor.numel(); i++) {
            long at = tensor.offset();
            long rest = i;
            for (int d = shape.length - 1; d >= 0; d--) {
                at += rest % shape[d] * strides[d];
                rest /= shape[d];
            }
            MemorySegment.copy(tensor.storage().segment(), ValueLayout.JAVA_BYTE, at * elementSize, out,
                    i * elementSize, elementSize);
        }
        return out;
    }

    /** Asserts equal dtype and shape and the same row-major bytes. */
    static void assertSameTensor(String name, Tensor expected, Tensor actual) {
        assertEquals(expected.dtype(), actual.dtype(), name);
        assertArrayEquals(expected.shape(), actual.shape(), name);
        assertArrayEquals(rowMajorBytes(expected), rowMajorBytes(actual), name);
    }
}
