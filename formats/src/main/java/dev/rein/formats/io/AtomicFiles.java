package dev.rein.formats.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file all at once: the content goes to a hidden temporary file in the same folder, is flushed to
 * disk, and is then renamed over the target; the folder is flushed too, so that the rename survives a power
 * loss (where the platform allows flushing a folder, as Linux does). Readers see either the old file or the
 * complete new one; when writing fails the temporary file is deleted and the target is left as it was. The
 * checkpoint writers and {@code rein init} write every file through it; training checkpoints publish whole
 * folders with {@link #publishFolder}.
 */
public final class AtomicFiles {
    /** Writes a file's content; called once with a fresh channel positioned at 0. */
    public interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Replaces {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    /** Replaces {@code target} with what {@code content} writes. */
    public static void write(Path target, Content content) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Path temporary = folder.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            flushFolder(folder);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /**
     * Gives a folder written under a temporary name (a sibling of {@code target}) its final name in one atomic
     * rename, then flushes the parent folder: readers see either no {@code target} or the complete one. The files
     * in {@code temporary} should have been written through this class, so that their contents are on disk first.
     *
     * @throws java.nio.file.FileAlreadyExistsException when {@code target} exists
     */
    public static void publishFolder(Path temporary, Path target) throws IOException {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        flushFolder(target.toAbsolutePath().getParent());
    }

    /** Makes a rename in {@code folder} durable; a no-op where folders cannot be opened for flushing. */
    private static void flushFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // Windows cannot open a folder as a channel; its rename is durable once it returns.
        }
    }
}
