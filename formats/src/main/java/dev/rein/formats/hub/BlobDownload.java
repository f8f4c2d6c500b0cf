package dev.rein.formats.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one file's content into its blob: into {@code blobs/{etag}.incomplete}, resumed with a {@code Range}
 * request when that file holds part of it already; checked against its size and, for an LFS file, against the
 * sha256 its ETag is; then renamed to {@code blobs/{etag}} in one atomic move. A download cut short keeps its part
 * for the next run; a corrupt one is deleted.
 */
final class BlobDownload {
    private static final int BUFFER_BYTES = 1 << 20;
    /** {@code Content-Range: bytes first-last/total}: the first byte a resumed answer holds. */
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(?:\\d+|\\*)");

    private final HubClient client;
    private final RepoCache cache;
    private final HubRepo repo;
    private final String file;
    private final FileMetadata metadata;

    BlobDownload(HubClient client, RepoCache cache, HubRepo repo, String file, FileMetadata metadata) {
        this.client = client;
        this.cache = cache;
        this.repo = repo;
        this.file = file;
        this.metadata = metadata;
    }

    /** Puts the file's content at {@code blobs/{etag}} unless it is there already; returns that path. */
    Path run(DownloadListener listener) throws IOException {
        Path blob = cache.blob(metadata.etag());
        try (BlobLock _ = BlobLock.acquire(cache.lock(metadata.etag()))) {
            if (Files.exists(blob)) {
                return blob; // another download finished it while this one waited for the lock
            }
            Path partial = cache.incomplete(metadata.etag());
            Files.createDirectories(partial.getParent());
            MessageDigest digest = metadata.etagIsSha256() ? Sha256.newDigest() : null;
            try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                long done = out.size();
                if (done > metadata.size()) {
                    out.truncate(0); // not a prefix of this content: start again
                    done = 0;
                }
                done = done < metadata.size() ? receive(out, done, digest, listener) : digested(out, done, digest);
                if (done != metadata.size()) {
                    throw new HubException(repo, file, "the download ended after " + done + " of " + metadata.size()
                            + " bytes; run again to resume it");
                }
                out.force(true);
            }
            if (digest != null) {
                String actual = Sha256.hex(digest);
                if (!actual.equals(metadata.etag())) {
                    Files.delete(partial);
                    throw new HubException(repo, file, "sha256 mismatch: expected " + metadata.etag() + ", got "
                            + actual + "; the corrupt download was deleted, run again to download it afresh");
                }
            }
            Files.move(partial, blob, StandardCopyOption.ATOMIC_MOVE);
            return blob;
        }
    }

    /**
     * Asks for the content from byte {@code done} on and appends it to {@code out} (or writes it from the start
     * when the server does not resume); returns the bytes the file then holds.
     */
    private long receive(FileChannel out, long done, MessageDigest digest, DownloadListener listener)
            throws IOException {
        HttpResponse<InputStream> response = client.download(repo, file, metadata.location(), done);
        try (InputStream body = new WatchedStream(response.body(), client.downloadTimeout())) {
            long position = response.statusCode() == 206 ? resumedAt(response) : 0; // 200: all of it again
            if (position != done && position != 0) {
                throw new HubException(repo, file, "asked to resume at byte " + done + ", the server answered from"
                        + " byte " + position + "; delete " + cache.incomplete(metadata.etag()) + " and run again");
            }
            out.truncate(position);
            digested(out, position, digest);
            try (DownloadListener.FileProgress progress = listener.started(repo, file, metadata.size(), position)) {
                byte[] buffer = new byte[BUFFER_BYTES];
                for (int read; (read = read(body, buffer, position)) >= 0; position += read) {
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                    while (chunk.hasRemaining()) {
                        out.write(chunk, position + chunk.position());
                    }
                    if (digest != null) digest.update(buffer, 0, read);
                    progress.advanced(read);
                }
            }
            return position;
        }
    }

    /** The first byte of a 206 answer, from its {@code Content-Range}; -1 when it has none that can be read. */
    private static long resumedAt(HttpResponse<?> response) {
        Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
        return range.matches() ? Long.parseLong(range.group(1)) : -1;
    }

    /** Feeds the {@code length} bytes on disk to {@code digest} (when there is one); returns {@code length}. */
    private static long digested(FileChannel out, long length, MessageDigest digest) throws IOException {
        if (digest != null) {
            digest.reset();
            Sha256.update(digest, out, length);
        }
        return length;
    }

    /** Reads from the network; a connection cut short becomes an error saying how far the download came. */
    private int read(InputStream body, byte[] buffer, long position) {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw new HubException(repo, file, String.format(Locale.ROOT, "the download stopped after %d of %d bytes"
                    + " (%s); run again to resume it", position, metadata.size(), e.getMessage()), e);
        }
    }
}
