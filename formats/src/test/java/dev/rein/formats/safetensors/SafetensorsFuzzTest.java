package dev.rein.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.FormatException;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutational fuzzer, run by every build: valid files written by {@link SafetensorsWriter} are mutated
 * at the byte level (bit flips, interesting bytes and longs, truncation, extension, header-length edits) and at
 * the JSON level (offsets, shapes, dtypes, fields, metadata, duplicated keys). Every outcome must be either a
 * file whose tensors can all be read in full, or a {@link FormatException}: never another exception, a hang or
 * an allocation sized by a lying header.
 */
class SafetensorsFuzzTest {
    private static final long SEED = 0x5AFE_7E45L;
    private static final int ITERATIONS = 4000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final byte[] INTERESTING_BYTES = {0, 1, -1, 0x7F, (byte) 0x80, '{', '}', '[', ']', '"', ',', ':',
            '-', '0', '9', ' ', '\\', (byte) 0xC0, (byte) 0xED, (byte) 0xF4};
    private static final long[] INTERESTING_LONGS = {0, 1, -1, 7, 8, Integer.MAX_VALUE, 1L << 31, 1L << 32,
            Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000_000_000L, 100_000_000L, 100_000_001L};
    private static final String[] DTYPES = {"F32", "BF16", "F16", "I64", "I32", "BOOL", "F64", "I8", "U8",
            "F8_E4M3", "", "f32"};
    private static final String[] NUMBER_LITERALS = {"0", "1", "-1", "2147483647", "2147483648", "4294967296",
            "9223372036854775807", "9223372036854775808", "1000000000000", "99999999999999999999", "1.5", "1e3",
            "-0"};

    @TempDir
    Path dir;

    @Test
    void mutatedFilesEitherReadFullyOrFailWithAFormatException() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(SEED);
            List<byte[]> seeds = seedFiles(random);
            Path file = dir.resolve("fuzz.safetensors");
            int accepted = 0;
            int rejected = 0;
            for (int i = 0; i < ITERATIONS; i++) {
                List<String> steps = new ArrayList<>();
                byte[] mutated = mutate(random, seeds.get(random.nextInt(seeds.size())), steps);
                Files.write(file, mutated);
                try (SafetensorsFile opened = SafetensorsFile.open(file)) {
                    for (String name : opened.names()) {
                        readFully(opened.tensor(name));
                    }
                    accepted++;
                } catch (FormatException expected) {
                    rejected++;
                } catch (Throwable unexpected) {
                    fail("iteration " + i + " after " + steps + " threw " + unexpected + "; file: "
                            + new String(mutated, StandardCharsets.ISO_8859_1), unexpected);
                }
            }
            // Both outcomes must be common, or the fuzzer is not exploring much.
            assertTrue(accepted > ITERATIONS / 20, "accepted " + accepted);
            assertTrue(rejected > ITERATIONS / 2, "rejected " + rejected);
        });
    }

    private static void readFully(Tensor tensor) {
        float[] values = tensor.toFloatArray();
        assertTrue(values.length == tensor.numel());
    }

    private List<byte[]> seedFiles(Random random) throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        Path file = dir.resolve("seed.safetensors");
        while (seeds.size() < 8) {
            Map<String, Tensor> tensors = RandomTensors.checkpoint(random);
            if (!tensors.isEmpty()) {
                SafetensorsWriter.write(file, tensors, RandomTensors.metadata(random));
                seeds.add(Files.readAllBytes(file));
            }
        }
        return seeds;
    }

    /** One to three mutations; a JSON-level one first when chosen, since it needs a parseable header. */
    private static byte[] mutate(Random random, byte[] seed, List<String> steps) throws IOException {
        byte[] bytes = seed;
        if (random.nextBoolean()) {
            bytes = mutateJson(random, bytes, steps);
        }
        for (int n = random.nextInt(3); n >= (steps.isEmpty() ? 0 : 1); n--) {
            bytes = mutateBytes(random, bytes, steps);
        }
        return bytes;
    }

    private static byte[] mutateBytes(Random random, byte[] bytes, List<String> steps) {
        byte[] out = bytes.clone();
        int at = out.length == 0 ? 0 : random.nextInt(out.length);
        switch (random.nextInt(7)) {
            case 0 -> {
                steps.add("flip bit at " + at);
                if (out.length > 0) {
                    out[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                steps.add("interesting byte at " + at);
                if (out.length > 0) {
                    out[at] = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
                }
            }
            case 2 -> {
                int start = Math.max(0, Math.min(at, out.length - 8));
                steps.add("interesting long at " + start);
                if (out.length >= 8) {
                    putLong(out, start, INTERESTING_LONGS[random.nextInt(INTERESTING_LONGS.length)]);
                }
            }
            case 3 -> {
                steps.add("truncate to " + at);
                out = Arrays.copyOf(out, at);
            }
            case 4 -> {
                int extra = 1 + random.nextInt(64);
                steps.add("extend by " + extra);
                out = Arrays.copyOf(out, out.length + extra);
                if (random.nextBoolean()) {
                    for (int i = bytes.length; i < out.length; i++) {
                        out[i] = (byte) random.nextInt();
                    }
                }
            }
            case 5 -> {
                long length = out.length < 8 ? 0 : ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
                long edited = random.nextBoolean() ? length + random.nextInt(17) - 8
                        : INTERESTING_LONGS[random.nextInt(INTERESTING_LONGS.length)];
                steps.add("header length " + edited);
                if (out.length >= 8) {
                    putLong(out, 0, edited);
                }
            }
            default -> {
                int from = Math.min(at, Math.max(0, out.length - 1));
                steps.add("delete a byte at " + from + " in place, keeping the length field");
                if (out.length > 9) {
                    out = FileBytes.concat(Arrays.copyOf(out, from), Arrays.copyOfRange(out, from + 1, out.length));
                }
            }
        }
        return out;
    }

    /** Parses the (valid) header, changes it structurally, and rebuilds the file around the same data area. */
    private static byte[] mutateJson(Random random, byte[] file, List<String> steps) throws IOException {
        int headerLength = (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        ObjectNode header = (ObjectNode) JSON.readTree(new String(file, 8, headerLength, StandardCharsets.UTF_8));
        byte[] data = Arrays.copyOfRange(file, 8 + headerLength, file.length);
        List<String> names = new ArrayList<>();
        header.fieldNames().forEachRemaining(names::add);
        names.remove(Header.METADATA_KEY);
        String name = names.get(random.nextInt(names.size()));
        ObjectNode entry = (ObjectNode) header.get(name);
        String text;
        switch (random.nextInt(8)) {
            case 0 -> {
                int which = random.nextInt(2);
                String value = NUMBER_LITERALS[random.nextInt(NUMBER_LITERALS.length)];
                steps.add("data_offsets[" + which + "] of " + name + " = " + value);
                ((ArrayNode) entry.get("data_offsets")).set(which, JSON.readTree(value));
                text = header.toString();
            }
            case 1 -> {
                long delta = random.nextInt(9) - 4;
                steps.add("shift data_offsets of " + name + " by " + delta);
                ArrayNode offsets = (ArrayNode) entry.get("data_offsets");
                offsets.set(0, offsets.get(0).longValue() + delta);
                offsets.set(1, offsets.get(1).longValue() + delta);
                text = header.toString();
            }
            case 2 -> {
                ArrayNode shape = (ArrayNode) entry.get("shape");
                String value = NUMBER_LITERALS[random.nextInt(NUMBER_LITERALS.length)];
                if (shape.isEmpty() || random.nextInt(4) == 0) {
                    steps.add("append dim " + value + " to " + name);
                    shape.add(JSON.readTree(value));
                } else {
                    int d = random.nextInt(shape.size());
                    steps.add("shape[" + d + "] of " + name + " = " + value);
                    shape.set(d, JSON.readTree(value));
                }
                text = header.toString();
            }
            case 3 -> {
                String dtype = DTYPES[random.nextInt(DTYPES.length)];
                steps.add("dtype of " + name + " = " + dtype);
                entry.put("dtype", dtype);
                text = header.toString();
            }
            case 4 -> {
                String field = List.of("dtype", "shape", "data_offsets").get(random.nextInt(3));
                if (random.nextBoolean()) {
                    steps.add("remove " + field + " of " + name);
                    entry.remove(field);
                } else {
                    steps.add("replace " + field + " of " + name + " by a wrong type");
                    entry.set(field, JSON.readTree(random.nextBoolean() ? "{}" : "\"7\""));
                }
                text = header.toString();
            }
            case 5 -> {
                steps.add("duplicate the entry of " + name);
                text = "{" + JSON.writeValueAsString(name) + ":" + entry + "," + header.toString().substring(1);
            }
            case 6 -> {
                steps.add("metadata made wrong");
                header.set(Header.METADATA_KEY, random.nextBoolean() ? JSON.readTree("{\"k\":1}")
                        : JSON.getNodeFactory().numberNode(BigInteger.TEN));
                text = header.toString();
            }
            default -> {
                String other = names.get(random.nextInt(names.size()));
                steps.add("swap data_offsets of " + name + " and " + other);
                JsonNode offsets = entry.get("data_offsets");
                entry.set("data_offsets", header.get(other).get("data_offsets"));
                ((ObjectNode) header.get(other)).set("data_offsets", offsets);
                text = header.toString();
            }
        }
        byte[] newHeader = (text + " ".repeat(random.nextInt(8))).getBytes(StandardCharsets.UTF_8);
        return FileBytes.file(newHeader, data);
    }

    private static void putLong(byte[] bytes, int at, long value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
    }
}
