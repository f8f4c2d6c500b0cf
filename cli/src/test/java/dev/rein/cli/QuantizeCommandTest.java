package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.gguf.GgufValue;
import dev.rein.formats.gguf.GgufValueType;
import dev.rein.formats.gguf.GgufWriter;
import dev.rein.formats.gguf.GgufTensorType;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.models.DefaultModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rein quantize}: the file it writes is checked by a GGUF reader written here from the specification
 * (ggml's docs/gguf.md), not by Rein's own reader, then run through {@code --model}; bad input is one line and exit 1.
 */
class QuantizeCommandTest {
    @TempDir
    Path dir;

    /** What the specification says a GGUF file holds, read without Rein's reader. */
    private record SpecFile(int version, Map<String, Object> metadata, Map<String, long[]> dims,
                            Map<String, Integer> types, Map<String, Long> offsets, long dataStart, ByteBuffer bytes) {
        static SpecFile read(Path file) throws IOException {
            ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(0x46554747, in.getInt(), "magic GGUF");
            int version = in.getInt();
            long tensorCount = in.getLong();
            long kvCount = in.getLong();
            Map<String, Object> metadata = new LinkedHashMap<>();
            for (long i = 0; i < kvCount; i++) {
                String key = string(in);
                metadata.put(key, value(in, in.getInt()));
            }
            Map<String, long[]> dims = new LinkedHashMap<>();
            Map<String, Integer> types = new LinkedHashMap<>();
            Map<String, Long> offsets = new LinkedHashMap<>();
            for (long i = 0; i < tensorCount; i++) {
                String name = string(in);
                long[] ne = new long[in.getInt()];
                for (int d = 0; d < ne.length; d++) ne[d] = in.getLong();
                dims.put(name, ne);
                types.put(name, in.getInt());
                offsets.put(name, in.getLong());
            }
            long alignment = metadata.containsKey("general.alignment") ? (Long) metadata.get("general.alignment") : 32;
            long dataStart = (in.position() + alignment - 1) / alignment * alignment;
            return new SpecFile(version, metadata, dims, types, offsets, dataStart, in);
        }

        private static String string(ByteBuffer in) {
            byte[] bytes = new byte[(int) in.getLong()];
            in.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** Types 0-12: u8 i8 u16 i16 u32 i32 f32 bool string array u64 i64 f64. */
        private static Object value(ByteBuffer in, int type) {
            return switch (type) {
                case 0, 1 -> (long) in.get();
                case 2, 3 -> (long) in.getShort();
                case 4 -> in.getInt() & 0xFFFFFFFFL;
                case 5 -> (long) in.getInt();
                case 6 -> (double) in.getFloat();
                case 7 -> in.get() != 0;
                case 8 -> string(in);
                case 9 -> {
                    int elementType = in.getInt();
                    long count = in.getLong();
                    List<Object> list = new ArrayList<>();
                    for (long i = 0; i < count; i++) list.add(value(in, elementType));
                    yield list;
                }
                case 10, 11 -> in.getLong();
                case 12 -> in.getDouble();
                default -> throw new AssertionError("value type " + type);
            };
        }
    }

    @Test
    void writesAQ8_0FileTheSpecificationReadsAndModelLoads() throws IOException {
        Path out = dir.resolve("default-q8_0.gguf");
        CliRun run = CliRun.of("quantize", "--model", "default", "--type", "q8_0", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("wrote " + out + ": q8_0, 38 tensors (F32 9, Q8_0 29), "), run.out());

        SpecFile file = SpecFile.read(out);
        assertEquals(3, file.version());
        assertEquals("llama", file.metadata().get("general.architecture"));
        assertEquals(7L, file.metadata().get("general.file_type"));
        assertEquals(4L, file.metadata().get("llama.block_count"));
        assertEquals(128L, file.metadata().get("llama.embedding_length"));
        assertEquals("gpt2", file.metadata().get("tokenizer.ggml.model"));
        assertEquals(1367, ((List<?>) file.metadata().get("tokenizer.ggml.tokens")).size());
        assertEquals(1366L, file.metadata().get("tokenizer.ggml.bos_token_id"));
        assertEquals(0, file.dataStart() % 32);
        // ggml dims innermost first: the down projection [128 out, 352 in] is ne = [352, 128]; ggml type 8 = Q8_0
        assertEquals(List.of(352L, 128L), List.of(file.dims().get("blk.0.ffn_down.weight")[0],
                file.dims().get("blk.0.ffn_down.weight")[1]));
        assertEquals(8, file.types().get("blk.0.ffn_down.weight"));
        assertEquals(0, file.types().get("blk.0.attn_norm.weight")); // F32
        file.offsets().values().forEach(offset -> assertEquals(0, offset % 32));
        // the first Q8_0 block of the down projection: fp16 d, then 32 int8; x = d * q approximates the weights
        long at = file.dataStart() + file.offsets().get("blk.0.ffn_down.weight");
        float d = Float.float16ToFloat(file.bytes().getShort((int) at));
        try (Checkpoint checkpoint = Checkpoint.open(DefaultModel.unpacked())) {
            float[] original = checkpoint.tensor("model.layers.0.mlp.down_proj.weight").toFloatArray();
            float amax = 0;
            for (int j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(original[j]));
            assertEquals(amax / 127, d, amax / 127 * 1e-3, "d = max |x| / 127 in fp16");
            for (int j = 0; j < 32; j++) {
                float decoded = d * file.bytes().get((int) at + 2 + j);
                assertEquals(original[j], decoded, d / 2 * 1.01f, "element " + j);
            }
        }

        CliRun info = CliRun.of("info", out.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("checkpoint   " + out + " (GGUF version 3)"), info.out());
        assertTrue(info.out().contains("llama: 4 layers, hidden 128, vocab 1367, context 512"), info.out());
        assertTrue(info.out().contains("norm eps 0.00001"), info.out());
        assertTrue(info.out().contains("tokenizer    vocab 1367, no chat template"), info.out());
        assertTrue(info.out().contains(", F32 1.15K, Q8_0 "), info.out());

        CliRun generate = CliRun.of("generate", "-m", out.toString(), "-p", "Once upon a time", "--max-new-tokens",
                "8");
        assertEquals(0, generate.exitCode(), generate.err());
        assertTrue(generate.out().startsWith("Once upon a time"), generate.out());
    }

    @Test
    void badInputIsOneLineAndExitCode1() throws IOException {
        assertUserError(CliRun.of("quantize", "--type", "iq2_xs", "--out", dir.resolve("x.gguf").toString()),
                "--type iq2_xs: expected one of f32, f16, bf16, q8_0, q4_0, q4_k, q4_k_m");

        Path good = dir.resolve("good.gguf");
        assertEquals(0, CliRun.of("quantize", "--type", "q4_0", "--out", good.toString()).exitCode());
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.gguf");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertUserError(CliRun.of("generate", "-m", truncated.toString(), "-p", "Once"), truncated + ": ");

        Path unknownType = dir.resolve("iq2.gguf");
        write(unknownType, "llama", 256, 256, GgufTensorType.IQ2_XS); // IQ2_XS rows hold 256
        assertUserError(CliRun.of("generate", "-m", unknownType.toString(), "-p", "Once"),
                "tensor type IQ2_XS is not supported");

        Path architecture = dir.resolve("mamba.gguf");
        write(architecture, "mamba", 64, 64, GgufTensorType.F32);
        assertUserError(CliRun.of("generate", "-m", architecture.toString(), "-p", "Once"),
                architecture + ": general.architecture: unsupported architecture \"mamba\"; Rein reads llama, "
                        + "mistral, qwen2, qwen3, gemma, gemma2, gemma3, gpt2");

        Path contradiction = dir.resolve("shapes.gguf");
        write(contradiction, "llama", 64, 32, GgufTensorType.F32); // metadata says 64 wide, tensors are 32
        assertUserError(CliRun.of("generate", "-m", contradiction.toString(), "-p", "Once"),
                contradiction + ": token_embd.weight: the file stores [4, 32], but the metadata (llama: 1 layers, "
                        + "hidden 64");
    }

    /** A one-layer model whose metadata says embedding_length {@code hidden}, with tensors {@code width} wide. */
    private static void write(Path file, String architecture, int hidden, int width, GgufTensorType matrixType)
            throws IOException {
        Map<String, GgufValue> metadata = new LinkedHashMap<>();
        metadata.put("general.architecture", GgufValue.ofString(architecture));
        String p = architecture + ".";
        metadata.put(p + "embedding_length", GgufValue.ofUint32(hidden));
        metadata.put(p + "block_count", GgufValue.ofUint32(1));
        metadata.put(p + "feed_forward_length", GgufValue.ofUint32(256));
        metadata.put(p + "attention.head_count", GgufValue.ofUint32(2));
        metadata.put(p + "attention.layer_norm_rms_epsilon", GgufValue.ofFloat32(1e-5));
        metadata.put("tokenizer.ggml.model", GgufValue.ofString("gpt2"));
        List<GgufWriter.Entry> tensors = new ArrayList<>();
        int vocab = 4;
        tensors.add(entry("token_embd.weight", GgufTensorType.F32, vocab, width));
        tensors.add(entry("output_norm.weight", GgufTensorType.F32, width));
        for (String vector : List.of("attn_norm", "ffn_norm")) {
            tensors.add(entry("blk.0." + vector + ".weight", GgufTensorType.F32, width));
        }
        for (String matrix : List.of("attn_q", "attn_k", "attn_v", "attn_output")) {
            tensors.add(entry("blk.0." + matrix + ".weight", GgufTensorType.F32, width, width));
        }
        tensors.add(entry("blk.0.ffn_gate.weight", matrixType, 256, width));
        tensors.add(entry("blk.0.ffn_up.weight", GgufTensorType.F32, 256, width));
        tensors.add(entry("blk.0.ffn_down.weight", GgufTensorType.F32, width, 256));
        metadata.put("tokenizer.ggml.tokens", GgufValue.ofArray(GgufValueType.STRING, List.of("a", "b", "c", "d")));
        metadata.put("tokenizer.ggml.merges", GgufValue.ofArray(GgufValueType.STRING, List.of()));
        GgufWriter.write(file, metadata, tensors);
    }

    private static GgufWriter.Entry entry(String name, GgufTensorType type, int... shape) {
        long numel = 1;
        for (int length : shape) numel *= length;
        byte[] bytes = new byte[(int) type.byteSize(numel)];
        return new GgufWriter.Entry(name, type, shape, () -> bytes);
    }

    private static void assertUserError(CliRun run, String expected) {
        assertEquals(1, run.exitCode(), run.out() + run.err());
        String line = run.err().strip();
        assertTrue(line.contains(expected), line);
        assertEquals(-1, line.indexOf('\n'), line);
        assertTrue(line.startsWith("rein: error: "), line);
    }
}
