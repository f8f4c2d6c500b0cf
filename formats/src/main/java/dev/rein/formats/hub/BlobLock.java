package dev.rein.formats.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps two downloads of one blob from writing the same {@code .incomplete} file: a lock on a file under the
 * cache's {@code .locks} folder for other processes, and a lock per file within this JVM (where a second file lock
 * on the same file would fail rather than wait).
 */
final class BlobLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock inProcess;
    private final FileChannel channel;
    private final FileLock fileLock;

    private BlobLock(ReentrantLock inProcess, FileChannel channel, FileLock fileLock) {
        this.inProcess = inProcess;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Waits until no other download holds {@code lockFile}, then holds it. */
    static BlobLock acquire(Path lockFile) throws IOException {
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(),
                path -> new ReentrantLock());
        inProcess.lock();
        FileChannel channel = null;
        try {
            Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new BlobLock(inProcess, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) channel.close();
            inProcess.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            fileLock.release();
        } finally {
            inProcess.unlock();
        }
    }
}
