package dev.rein.formats.llama2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rein.formats.FormatException;
import dev.rein.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzzer over valid llama2.c files of both versions: truncation, extension, header ints set to edge values,
 * bit flips and plain random bytes. Every outcome must be a file whose tensors all read in full, or a
 * {@link FormatException}: never another exception, a hang or an allocation sized by a lying header.
 */
class Llama2cFuzzTest {
    private static final long SEED = 0x11A4A2CL;
    private static final int ITERATIONS = 3000;
    private static final int[] INTERESTING_INTS = {0, 1, 2, 3, 4, 8, -1, -6, 255, 256, 1 << 16, 1 << 30,
            Integer.MAX_VALUE, Integer.MIN_VALUE, Llama2cExport.MAGIC};

    @TempDir
    Path dir;

    @Test
    void mutatedFilesEitherReadFullyOrFailWithAFormatException() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(SEED);
            List<byte[]> seeds = seedFiles(random);
            Path file = dir.resolve("fuzz.bin");
            int accepted = 0;
            int rejected = 0;
            for (int i = 0; i < ITERATIONS; i++) {
                List<String> steps = new ArrayList<>();
                byte[] mutated = mutate(random, seeds.get(random.nextInt(seeds.size())), steps);
                Files.write(file, mutated);
                try (Llama2cCheckpoint checkpoint = Llama2cCheckpoint.open(file)) {
                    for (String name : checkpoint.names()) {
                        Tensor tensor = checkpoint.tensor(name);
                        assertEquals(tensor.numel(), tensor.toFloatArray().length);
                    }
                    accepted++;
                } catch (FormatException expected) {
                    rejected++;
                } catch (Throwable unexpected) {
                    fail("iteration " + i + " after " + steps + " threw " + unexpected, unexpected);
                }
            }
            // Both outcomes must be common, or the fuzzer is not exploring much.
            assertTrue(accepted > ITERATIONS / 10, "accepted " + accepted);
            assertTrue(rejected > ITERATIONS / 2, "rejected " + rejected);
        });
    }

    private static List<byte[]> seedFiles(Random random) {
        List<byte[]> seeds = new ArrayList<>();
        for (boolean shared : new boolean[] {true, false}) {
            Llama2cExport.Params params = new Llama2cExport.Params(8, 12, 2, 2, 1, 6, 4, shared);
            seeds.add(Llama2cExport.version0(params, Llama2cExport.randomWeights(params, random), 0));
            seeds.add(Llama2cExport.version1(params, Llama2cExport.randomWeights(params, random)));
        }
        return seeds;
    }

    /** One to three mutations. */
    private static byte[] mutate(Random random, byte[] seed, List<String> steps) {
        byte[] bytes = seed;
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            bytes = mutateOnce(random, bytes, steps);
        }
        return bytes;
    }

    private static byte[] mutateOnce(Random random, byte[] bytes, List<String> steps) {
        switch (random.nextInt(6)) {
            case 0 -> {
                int length = random.nextInt(bytes.length + 1);
                steps.add("truncate to " + length);
                return Arrays.copyOf(bytes, length);
            }
            case 1 -> {
                int extra = 1 + random.nextInt(64);
                steps.add("extend by " + extra);
                return Arrays.copyOf(bytes, bytes.length + extra);
            }
            case 2 -> {
                // one of the header ints of either version (offsets 0..24 or 4..32)
                int offset = Integer.BYTES * random.nextInt(9);
                int value = INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)];
                steps.add("int at " + offset + " = " + value);
                if (offset + Integer.BYTES > bytes.length) return bytes;
                byte[] out = bytes.clone();
                ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
                return out;
            }
            case 3 -> {
                if (bytes.length == 0) return bytes;
                int at = random.nextInt(Math.min(bytes.length, 300));
                steps.add("flip a bit of byte " + at);
                byte[] out = bytes.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                return out;
            }
            case 4 -> {
                if (bytes.length == 0) return bytes;
                int at = random.nextInt(bytes.length);
                steps.add("random byte at " + at);
                byte[] out = bytes.clone();
                out[at] = (byte) random.nextInt(256);
                return out;
            }
            default -> {
                byte[] out = new byte[random.nextInt(600)];
                random.nextBytes(out);
                steps.add("random file of " + out.length + " bytes");
                return out;
            }
        }
    }
}
