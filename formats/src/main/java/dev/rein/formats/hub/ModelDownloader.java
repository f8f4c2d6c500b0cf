package dev.rein.formats.hub;

import dev.rein.formats.safetensors.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Fetches a model from the Hugging Face Hub into the shared cache and returns its snapshot folder, which loads as any
 * model folder does. As huggingface_hub's {@code snapshot_download}: the revision is resolved to a commit
 * ({@code GET /api/models/{id}/revision/{revision}}); each file the model needs ({@link ModelFiles}) that the
 * snapshot lacks is asked about ({@code HEAD .../resolve/{commit}/{file}}) and downloaded into its blob unless the
 * blob is there already ({@link BlobDownload}); the snapshot links to the blobs; {@code refs/{revision}} records the
 * commit. A snapshot that holds every file costs one request; offline, or when the Hub cannot be reached, the cache
 * alone answers.
 */
public final class ModelDownloader {
    private final HubSettings settings;
    private final DownloadListener listener;
    private final HubClient client;

    /**
     * @param settings where the Hub and the cache are, the token, and whether the network may be used
     * @param listener hears the progress of each file downloaded
     */
    public ModelDownloader(HubSettings settings, DownloadListener listener) {
        this.settings = settings;
        this.listener = listener;
        this.client = new HubClient(settings);
    }

    /**
     * The snapshot folder of {@code repo}'s revision, holding the files a model needs, downloaded first where the
     * cache lacks them.
     *
     * @throws HubException when the repository, revision or a file cannot be had: not found, refused, offline and
     *                      not cached, no safetensors weights, a download cut short or corrupt
     * @throws IOException  when the cache cannot be read or written
     */
    public Path fetch(HubRepo repo) throws IOException {
        RepoCache cache = new RepoCache(settings.cache(), repo);
        if (settings.network() == NetworkMode.OFFLINE) {
            return cache.cachedSnapshot(repo.revision()).orElseThrow(() -> new HubException(repo, null,
                    "not in the Hugging Face cache " + cache.storage() + ", and HF_HUB_OFFLINE forbids downloading it;"
                    + " unset HF_HUB_OFFLINE to download it once"));
        }
        RepoListing listing;
        try {
            listing = client.listing(repo);
        } catch (IOException unreachable) {
            Optional<Path> cached = cache.cachedSnapshot(repo.revision());
            if (cached.isPresent()) {
                return cached.get();
            }
            throw new HubException(repo, null, "cannot reach " + settings.endpoint() + " (" + describe(unreachable)
                    + "), and the repository is not in the cache " + cache.storage(), unreachable);
        }
        String commit = listing.commit();
        for (String file : ModelFiles.select(repo, listing.files())) {
            fetchFile(cache, repo, commit, file);
        }
        Path snapshot = cache.snapshot(commit);
        Path index = snapshot.resolve(Checkpoint.INDEX_FILE);
        if (Files.exists(index)) {
            for (String shard : ModelFiles.shards(repo, index, listing.files())) {
                fetchFile(cache, repo, commit, shard);
            }
        }
        cache.writeRef(repo.revision(), commit);
        return snapshot;
    }

    /** Puts {@code file} of {@code commit} into the snapshot unless it is there: no request at all then. */
    private void fetchFile(RepoCache cache, HubRepo repo, String commit, String file) throws IOException {
        Path pointer = cache.pointer(commit, file);
        if (Files.exists(pointer)) {
            return;
        }
        FileMetadata metadata = client.metadata(repo, commit, file);
        Path blob = cache.blob(metadata.etag());
        if (!Files.exists(blob)) {
            blob = new BlobDownload(client, cache, repo, file, metadata).run(listener);
        }
        cache.link(blob, pointer);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }

}
