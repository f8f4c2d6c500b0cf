package dev.rein.formats.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDownloaderTest {
    private static final String REPO_ID = "org/name";
    private static final String WEIGHTS = "model.safetensors";
    /** The files of stories260K, sorted. */
    private static final List<String> MODEL_FILES = List.of("config.json", WEIGHTS, "tokenizer.json",
            "tokenizer_config.json");

    @TempDir
    Path temp;
    private Path folder;
    private FakeHub hub;
    private HubSettings settings;

    @BeforeEach
    void serve() throws IOException {
        folder = SharedData.path("models/stories260K");
        hub = FakeHub.serving(REPO_ID, folder)
                .withFile("pytorch_model.bin", new byte[] {1, 2, 3})
                .withFile("README.md", "# a model card".getBytes(StandardCharsets.UTF_8))
                .withFile("onnx/model.onnx", new byte[] {4, 5});
        settings = new HubSettings(hub.endpoint(), temp.resolve("hub"), null, NetworkMode.ONLINE);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private Path fetch(String revision) throws IOException {
        return fetch(settings, revision);
    }

    private static Path fetch(HubSettings settings, String revision) throws IOException {
        return new ModelDownloader(settings, DownloadListener.SILENT).fetch(new HubRepo(REPO_ID, revision));
    }

    @Test
    void aFreshDownloadLaysOutTheCacheAsHuggingfaceHubDoes() throws IOException {
        Path snapshot = fetch(null);

        Path storage = temp.resolve("hub/models--org--name");
        String commit = hub.commit("main");
        assertEquals(storage.resolve("snapshots").resolve(commit), snapshot);
        assertEquals(commit, Files.readString(storage.resolve("refs/main")), "refs/main holds the sha alone");
        try (Stream<Path> listed = Files.list(snapshot)) {
            assertEquals(MODEL_FILES, listed.map(p -> p.getFileName().toString()).sorted().toList());
        }
        for (String file : MODEL_FILES) {
            Path pointer = snapshot.resolve(file);
            assertTrue(Files.isSymbolicLink(pointer), file + " links to its blob");
            assertEquals(Path.of("../../blobs", hub.etag(file)), Files.readSymbolicLink(pointer), file);
            assertArrayEquals(Files.readAllBytes(folder.resolve(file)), Files.readAllBytes(pointer), file);
        }
        assertEquals(FakeHub.sha256Hex(Files.readAllBytes(folder.resolve(WEIGHTS))), hub.etag(WEIGHTS),
                "an LFS blob is named by its sha256");
        try (Stream<Path> blobs = Files.list(storage.resolve("blobs"))) {
            assertTrue(blobs.noneMatch(b -> b.toString().endsWith(".incomplete")));
        }
        assertTrue(hub.requests().stream().noneMatch(r -> r.path().contains("pytorch_model")
                || r.path().contains("README") || r.path().contains("onnx")), "only the model's files are asked for");
        assertEquals(1, hub.requests("GET", "/lfs/").size(), "the weights are downloaded once, through the redirect");
    }

    @Test
    void aSecondFetchOnlyAsksWhichCommitTheRevisionNames() throws IOException {
        Path first = fetch(null);
        hub.clearRequests();

        assertEquals(first, fetch("main"));

        assertEquals(List.of("/api/models/org/name/revision/main"),
                hub.requests().stream().map(FakeHub.Request::path).toList());
    }

    @Test
    void aTagResolvesToItsOwnSnapshotAndSharesTheBlobs() throws IOException {
        fetch(null);
        String tagCommit = hub.addRevision("v1.0");
        hub.clearRequests();

        Path snapshot = fetch("v1.0");

        Path storage = temp.resolve("hub/models--org--name");
        assertEquals(storage.resolve("snapshots").resolve(tagCommit), snapshot);
        assertEquals(tagCommit, Files.readString(storage.resolve("refs/v1.0")));
        assertEquals(MODEL_FILES.size(), hub.requests("HEAD", "/org/name/resolve/" + tagCommit + "/").size());
        assertEquals(0, hub.requests("GET", "/org/name/resolve/").size() + hub.requests("GET", "/lfs/").size(),
                "identical content is not downloaded again");
        assertArrayEquals(Files.readAllBytes(folder.resolve(WEIGHTS)), Files.readAllBytes(snapshot.resolve(WEIGHTS)));
    }

    @Test
    void aCommitShaRevisionNeedsNoRef() throws IOException {
        String commit = hub.commit("main");

        Path snapshot = fetch(commit);

        Path storage = temp.resolve("hub/models--org--name");
        assertEquals(storage.resolve("snapshots").resolve(commit), snapshot);
        assertFalse(Files.exists(storage.resolve("refs")), "a commit is not a ref");
    }

    @Test
    void anInterruptedDownloadIsResumedWithARangeRequest() throws IOException {
        long total = Files.size(folder.resolve(WEIGHTS));
        hub.cutDownloads(300_000, 1);

        HubException cut = assertThrows(HubException.class, () -> fetch(null));
        assertTrue(cut.getMessage().startsWith("org/name@main: model.safetensors: the download stopped after "),
                cut.getMessage());
        Path partial = temp.resolve("hub/models--org--name/blobs/" + hub.etag(WEIGHTS) + ".incomplete");
        long kept = Files.size(partial);
        assertTrue(kept > 0 && kept <= 300_000, "the part received is kept: " + kept);
        hub.clearRequests();

        Path snapshot = fetch(null);

        List<FakeHub.Request> downloads = hub.requests("GET", "/lfs/");
        assertEquals(1, downloads.size());
        assertEquals("bytes=" + kept + "-", downloads.getFirst().range());
        assertFalse(Files.exists(partial));
        byte[] weights = Files.readAllBytes(snapshot.resolve(WEIGHTS));
        assertEquals(total, weights.length);
        assertEquals(hub.etag(WEIGHTS), FakeHub.sha256Hex(weights));
    }

    @Test
    void aStalledDownloadIsGivenUpAfterTheTimeoutAndResumed() throws IOException {
        hub.stallDownloads(200_000, 1);
        HubSettings impatient = settings.withDownloadTimeout(Duration.ofMillis(300));

        long start = System.nanoTime();
        HubException stalled = assertThrows(HubException.class, () -> fetch(impatient, null));
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "given up long before the server's 60 s");
        assertTrue(stalled.getMessage().contains("(no data for 0.3 s (HF_HUB_DOWNLOAD_TIMEOUT)); run again to resume"),
                stalled.getMessage());
        hub.clearRequests();

        Path snapshot = fetch(impatient, null);

        assertEquals("bytes=200000-", hub.requests("GET", "/lfs/").getFirst().range());
        assertEquals(hub.etag(WEIGHTS), FakeHub.sha256Hex(Files.readAllBytes(snapshot.resolve(WEIGHTS))));
    }

    @Test
    void aCorruptDownloadIsDeletedAndNamesBothHashes() throws IOException {
        hub.corruptDownloads(1);

        HubException corrupt = assertThrows(HubException.class, () -> fetch(null));

        String expected = hub.etag(WEIGHTS);
        assertTrue(corrupt.getMessage().startsWith("org/name@main: model.safetensors: sha256 mismatch: expected "
                + expected + ", got "), corrupt.getMessage());
        assertEquals(WEIGHTS, corrupt.repoFile());
        Path blobs = temp.resolve("hub/models--org--name/blobs");
        assertFalse(Files.exists(blobs.resolve(expected)));
        assertFalse(Files.exists(blobs.resolve(expected + ".incomplete")));
        assertFalse(Files.exists(temp.resolve("hub/models--org--name/snapshots").resolve(hub.commit("main"))
                .resolve(WEIGHTS)));

        Path snapshot = fetch(null);
        assertEquals(expected, FakeHub.sha256Hex(Files.readAllBytes(snapshot.resolve(WEIGHTS))));
    }

    @Test
    void aGatedRepositoryNeedsTheToken() throws IOException {
        hub.requireToken("hf_secret");

        HubException anonymous = assertThrows(HubException.class, () -> fetch(null));
        assertTrue(anonymous.getMessage().startsWith("org/name@main: HTTP 401: "), anonymous.getMessage());
        assertTrue(anonymous.getMessage().contains("set HF_TOKEN"), anonymous.getMessage());
        assertTrue(anonymous.getMessage().contains(hub.endpoint() + "/org/name"), "names the licence page");

        HubException refused = assertThrows(HubException.class, () -> fetch(settings.withToken("hf_wrong"), null));
        assertTrue(refused.getMessage().startsWith("org/name@main: HTTP 403: the licence of this gated model"),
                refused.getMessage());

        hub.clearRequests();
        Path snapshot = fetch(settings.withToken("hf_secret"), null);
        assertTrue(Files.exists(snapshot.resolve(WEIGHTS)));
        assertTrue(hub.requests().stream().filter(r -> !r.path().startsWith("/lfs/"))
                .allMatch(r -> "Bearer hf_secret".equals(r.authorization())), "the token goes with every request");
    }

    @Test
    void offlineTheCacheAloneAnswers() throws IOException {
        HubSettings offline = settings.withNetwork(NetworkMode.OFFLINE);
        HubException notCached = assertThrows(HubException.class, () -> fetch(offline, null));
        assertTrue(notCached.getMessage().startsWith("org/name@main: not in the Hugging Face cache "),
                notCached.getMessage());
        assertTrue(notCached.getMessage().contains("HF_HUB_OFFLINE"), notCached.getMessage());

        Path snapshot = fetch(null);
        hub.clearRequests();

        assertEquals(snapshot, fetch(offline, null));
        assertEquals(snapshot, fetch(offline, hub.commit("main")));
        assertThrows(HubException.class, () -> fetch(offline, "v2"));
        assertEquals(List.of(), hub.requests(), "offline, nothing is asked of the Hub");
    }

    @Test
    void anUnreachableHubFallsBackToTheCache() throws IOException {
        HubSettings nowhere = settings.withEndpoint(URI.create("http://127.0.0.1:" + closedPort()));
        HubException unreachable = assertThrows(HubException.class, () -> fetch(nowhere, null));
        assertTrue(unreachable.getMessage().startsWith("org/name@main: cannot reach http://127.0.0.1:"),
                unreachable.getMessage());

        Path snapshot = fetch(null);
        assertEquals(snapshot, fetch(nowhere, null));
    }

    @Test
    void missingRepositoriesRevisionsAndWeightsAreNamed() throws IOException {
        HubException noRepo = assertThrows(HubException.class, () -> new ModelDownloader(settings,
                DownloadListener.SILENT).fetch(HubRepo.of("org/other")));
        assertTrue(noRepo.getMessage().startsWith("org/other@main: HTTP 404: no such repository"),
                noRepo.getMessage());

        HubException noRevision = assertThrows(HubException.class, () -> fetch("v9"));
        assertEquals("org/name@v9: HTTP 404: the repository has no revision 'v9' (the Hub says: Invalid rev id: v9)",
                noRevision.getMessage());

        try (FakeHub pickled = FakeHub.serving("org/pickled", temp)) {
            pickled.withFile("config.json", "{}".getBytes(StandardCharsets.UTF_8))
                    .withFile("pytorch_model.bin", new byte[] {1});
            ModelDownloader downloader = new ModelDownloader(settings.withEndpoint(pickled.endpoint()),
                    DownloadListener.SILENT);
            HubRepo repo = HubRepo.of("org/pickled");
            HubException noWeights = assertThrows(HubException.class, () -> downloader.fetch(repo));
            assertTrue(noWeights.getMessage().startsWith("org/pickled@main: the repository holds no safetensors"
                    + " weights"), noWeights.getMessage());
            assertTrue(noWeights.getMessage().contains("found pytorch_model.bin"), noWeights.getMessage());
            assertEquals(0, pickled.requests("GET", "/org/pickled/resolve/").size());
        }
    }

    @Test
    void snapshotFilesThatAreCopiesCountAsCached() throws IOException {
        Path snapshot = fetch(null);
        for (String file : MODEL_FILES) { // as huggingface_hub leaves them where links cannot be made
            Path pointer = snapshot.resolve(file);
            byte[] content = Files.readAllBytes(pointer);
            Files.delete(pointer);
            Files.write(pointer, content);
        }
        hub.clearRequests();

        assertEquals(snapshot, fetch(null));
        assertEquals(1, hub.requests().size());
    }

    @Test
    void progressIsReportedPerFileInBytes() throws IOException {
        long[] reported = new long[2];
        DownloadListener listener = (repo, file, totalBytes, doneBytes) -> new DownloadListener.FileProgress() {
            @Override
            public void advanced(long bytes) {
                if (file.equals(WEIGHTS)) reported[0] += bytes;
            }

            @Override
            public void close() {
                if (file.equals(WEIGHTS)) reported[1] = totalBytes;
            }
        };

        new ModelDownloader(settings, listener).fetch(HubRepo.of(REPO_ID));

        long size = Files.size(folder.resolve(WEIGHTS));
        assertEquals(size, reported[0]);
        assertEquals(size, reported[1]);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
