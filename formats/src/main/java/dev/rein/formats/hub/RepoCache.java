package dev.rein.formats.hub;

import dev.rein.formats.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The folder of one repository in the hub cache, laid out as huggingface_hub lays it out (its
 * {@code file_download.py}), so that either tool reads what the other wrote:
 * <pre>
 * {cache}/models--org--name/
 *     blobs/{etag}                 a file's content, named by its ETag: the sha256 of an LFS file, else the git
 *                                  blob sha1
 *     blobs/{etag}.incomplete      a download in progress, resumed from its length
 *     snapshots/{commit}/{file}    a relative link ../../blobs/{etag} (a copy where links cannot be made)
 *     refs/{revision}              the commit sha a branch or tag named at the last download, without a newline
 * {cache}/.locks/models--org--name/{etag}.lock
 * </pre>
 */
final class RepoCache {
    private static final String INCOMPLETE_SUFFIX = ".incomplete";

    private final Path cache;
    private final Path storage;

    RepoCache(Path cache, HubRepo repo) {
        this.cache = cache;
        this.storage = cache.resolve(repo.folderName());
    }

    /** The repository's folder, {@code models--org--name}. */
    Path storage() {
        return storage;
    }

    Path blob(String etag) {
        return storage.resolve("blobs").resolve(etag);
    }

    Path incomplete(String etag) {
        return storage.resolve("blobs").resolve(etag + INCOMPLETE_SUFFIX);
    }

    /** The lock file held while a blob is downloaded, where huggingface_hub keeps its own. */
    Path lock(String etag) {
        return cache.resolve(".locks").resolve(storage.getFileName()).resolve(etag + ".lock");
    }

    Path snapshot(String commit) {
        return storage.resolve("snapshots").resolve(commit);
    }

    /** Where {@code file} of {@code commit} lies in the snapshot (a link to its blob, or a copy). */
    Path pointer(String commit, String file) {
        return snapshot(commit).resolve(file);
    }

    /**
     * The snapshot folder of {@code revision} when the cache holds one: a commit sha names its folder, a branch or
     * tag is looked up in {@code refs/}. Nothing is asked of the Hub.
     */
    Optional<Path> cachedSnapshot(String revision) throws IOException {
        String commit = revision;
        if (!HubRepo.isCommit(revision)) {
            Path ref = storage.resolve("refs").resolve(revision);
            if (!Files.isRegularFile(ref)) return Optional.empty();
            commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
            if (!HubRepo.isCommit(commit)) return Optional.empty();
        }
        Path snapshot = snapshot(commit);
        return Files.isDirectory(snapshot) ? Optional.of(snapshot) : Optional.empty();
    }

    /**
     * Records that {@code revision} names {@code commit}, unless the revision is that commit or the ref already says
     * so (a cache that others keep may be read-only).
     */
    void writeRef(String revision, String commit) throws IOException {
        if (revision.equals(commit)) return;
        Path ref = storage.resolve("refs").resolve(revision);
        if (Files.isRegularFile(ref) && Files.readString(ref, StandardCharsets.UTF_8).equals(commit)) return;
        Files.createDirectories(ref.getParent());
        AtomicFiles.write(ref, commit.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Puts {@code blob} at {@code pointer} as a relative symbolic link, as huggingface_hub does, or as a copy where
     * the file system refuses links (Windows without developer mode, some network shares). The link or copy is
     * made under a temporary name and renamed into place, so that readers never see half a file.
     */
    void link(Path blob, Path pointer) throws IOException {
        Files.createDirectories(pointer.getParent());
        Path temporary = pointer.resolveSibling("." + pointer.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try {
                Files.createSymbolicLink(temporary, pointer.getParent().relativize(blob));
            } catch (UnsupportedOperationException | FileSystemException noLinks) {
                Files.copy(blob, temporary, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(temporary, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
