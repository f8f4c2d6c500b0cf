package dev.rein.formats.gguf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small GGUF files for tests: metadata of every value type and tensors of the types Rein writes. */
final class GgufFiles {
    private GgufFiles() {
    }

    static Map<String, GgufValue> metadata() {
        Map<String, GgufValue> metadata = new LinkedHashMap<>();
        metadata.put("general.architecture", GgufValue.ofString("llama"));
        metadata.put("test.u8", new GgufValue(GgufValueType.UINT8, null, 200L));
        metadata.put("test.i8", new GgufValue(GgufValueType.INT8, null, -5L));
        metadata.put("test.u16", new GgufValue(GgufValueType.UINT16, null, 65535L));
        metadata.put("test.i16", new GgufValue(GgufValueType.INT16, null, -300L));
        metadata.put("test.u32", GgufValue.ofUint32(4_000_000_000L));
        metadata.put("test.i32", new GgufValue(GgufValueType.INT32, null, -7L));
        metadata.put("test.u64", new GgufValue(GgufValueType.UINT64, null, 1L << 40));
        metadata.put("test.i64", new GgufValue(GgufValueType.INT64, null, -(1L << 40)));
        metadata.put("test.f32", GgufValue.ofFloat32(0.25));
        metadata.put("test.f64", new GgufValue(GgufValueType.FLOAT64, null, 1e-300));
        metadata.put("test.bool", GgufValue.ofBool(true));
        metadata.put("test.strings", GgufValue.ofArray(GgufValueType.STRING, List.of("a", "", "é✓")));
        metadata.put("test.floats", GgufValue.ofArray(GgufValueType.FLOAT32, List.of(1.5, -2.0)));
        metadata.put("test.ints", GgufValue.ofArray(GgufValueType.INT32, List.of(3L, -4L)));
        return metadata;
    }

    /** Seeded random rows [rows, columns] as floats. */
    static float[] random(long seed, int elements) {
        Random random = new Random(seed);
        float[] values = new float[elements];
        for (int i = 0; i < values.length; i++) values[i] = (float) random.nextGaussian();
        return values;
    }

    static GgufWriter.Entry entry(String name, GgufTensorType type, float[] values, int... shape) {
        return new GgufWriter.Entry(name, type, shape, () -> Quantization.encode(type, values));
    }

    /** A file with one tensor of each type Rein writes (and a 1-D F32 one). */
    static Path write(Path file) throws IOException {
        GgufWriter.write(file, metadata(), List.of(
                entry("norm", GgufTensorType.F32, random(1, 8), 8),
                entry("f16", GgufTensorType.F16, random(2, 3 * 32), 3, 32),
                entry("bf16", GgufTensorType.BF16, random(3, 2 * 32), 2, 32),
                entry("q8", GgufTensorType.Q8_0, random(4, 2 * 64), 2, 64),
                entry("q4", GgufTensorType.Q4_0, random(5, 3 * 32), 3, 32),
                entry("q4k", GgufTensorType.Q4_K, random(6, 2 * 256), 2, 256)));
        return file;
    }
}
