package dev.rein.formats.gguf;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rein.formats.FormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutational fuzzer, run by every build: a valid file is truncated at every length and mutated (bit flips,
 * interesting bytes and 64-bit values at random places, cut or grown). Every outcome must be a file whose tensors all
 * decode (or are refused by type with a {@link FormatException}), or a {@link FormatException} at open: never
 * another exception, a hang or an allocation sized by a lying count.
 */
class GgufFuzzTest {
    private static final long SEED = 0x6606_0022L;
    private static final int MUTATIONS = 3000;
    private static final long[] INTERESTING = {0, 1, -1, 3, 4, 31, 32, 33, 256, Integer.MAX_VALUE, 1L << 32,
            Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40};

    @TempDir
    Path dir;

    @Test
    void everyTruncationFailsWithAFormatException() throws IOException {
        byte[] good = Files.readAllBytes(GgufFiles.write(dir.resolve("good.gguf")));
        Path file = dir.resolve("cut.gguf");
        for (int length = 0; length < good.length; length++) {
            Files.write(file, java.util.Arrays.copyOf(good, length));
            try (GgufFile gguf = GgufFile.open(file)) {
                fail("a file cut to " + length + " of " + good.length + " bytes opened: " + gguf);
            } catch (FormatException expected) {
                assertTrue(expected.getMessage().startsWith(file.toString()));
            }
        }
    }

    @Test
    void mutatedFilesEitherReadFullyOrFailWithAFormatException() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            byte[] good = Files.readAllBytes(GgufFiles.write(dir.resolve("good.gguf")));
            Random random = new Random(SEED);
            Path file = dir.resolve("fuzz.gguf");
            int opened = 0;
            for (int i = 0; i < MUTATIONS; i++) {
                byte[] bytes = mutate(good, random);
                Files.write(file, bytes);
                try (GgufFile gguf = GgufFile.open(file)) {
                    opened++;
                    for (String name : gguf.names()) {
                        try {
                            gguf.tensor(name).toFloatArray();
                        } catch (FormatException refusedType) {
                            assertTrue(refusedType.getMessage().contains("is not supported"));
                        }
                    }
                } catch (FormatException expected) {
                    assertTrue(expected.getMessage().startsWith(file.toString()));
                    assertTrue(expected.getMessage().indexOf('\n') < 0, expected.getMessage());
                } catch (RuntimeException unexpected) {
                    throw new AssertionError("mutation " + i + " threw " + unexpected, unexpected);
                }
            }
            assertTrue(opened > 0, "some mutations (in tensor data) must leave a valid file");
        });
    }

    private static byte[] mutate(byte[] good, Random random) {
        byte[] bytes = good.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(4)) {
                case 0 -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                case 2 -> {
                    int at = random.nextInt(bytes.length - 8);
                    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
                            .putLong(at, INTERESTING[random.nextInt(INTERESTING.length)]);
                }
                default -> bytes = java.util.Arrays.copyOf(bytes, Math.max(0, bytes.length
                        + random.nextInt(65) - 32));
            }
            if (bytes.length < 8) break;
        }
        return bytes;
    }
}
