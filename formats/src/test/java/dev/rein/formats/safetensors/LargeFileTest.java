package dev.rein.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rein.formats.WeightMemory;
import dev.rein.tensor.DType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file over 2 GiB, made sparse so that it costs no disk: the header, then {@code setLength}, then four floats
 * written past offset 2^31. Reading them checks that offsets are longs end to end and that a misaligned start
 * (offset 2147483650 is not a multiple of 4) is served without a copy (the file is used in place, not copied). Skipped on file systems that are not
 * known to support sparse files.
 */
class LargeFileTest {
    private static final Set<String> SPARSE_FILE_SYSTEMS = Set.of("ext4", "xfs", "btrfs", "tmpfs", "zfs", "f2fs",
            "apfs", "overlay");
    private static final long BIG_BYTES = 2L * 1_073_741_825; // BOOL [2, 1073741825]

    @TempDir
    Path dir;

    @Test
    void readsATensorBeyondTwoGigabytes() throws IOException {
        String type = Files.getFileStore(dir).type();
        assumeTrue(SPARSE_FILE_SYSTEMS.contains(type), "file system " + type + " may not support sparse files");
        String header = "{\"big\":{\"dtype\":\"BOOL\",\"shape\":[2,1073741825],\"data_offsets\":[0," + BIG_BYTES
                + "]},\"tail\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[" + BIG_BYTES + ","
                + (BIG_BYTES + 16) + "]}}";
        byte[] start = FileBytes.file(header, new byte[0]);
        Path file = dir.resolve("large.safetensors");
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.write(start);
            raw.setLength(start.length + BIG_BYTES + 16);
            raw.seek(start.length + BIG_BYTES);
            raw.write(FileBytes.floats(1.5f, -2f, 3.25f, 1e-3f));
        }
        try (SafetensorsFile large = SafetensorsFile.open(file, WeightMemory.MAPPED)) {
            assertEquals(List.of("big", "tail"), large.names());
            assertEquals(DType.BOOL, large.tensor("big").dtype());
            assertEquals(0, large.tensor("big").getLong(1, 1_073_741_824));
            assertArrayEquals(new float[] {1.5f, -2f, 3.25f, 1e-3f}, large.tensor("tail").toFloatArray());
            assertEquals(BIG_BYTES, large.info("tail").begin());
        }
    }
}
