package dev.rein.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import dev.rein.formats.hub.DownloadListener;
import dev.rein.formats.hub.FakeHub;
import dev.rein.formats.hub.HubRepo;
import dev.rein.formats.hub.HubSettings;
import dev.rein.formats.hub.NetworkMode;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.formats.safetensors.CheckpointWriter;
import dev.rein.models.transformer.TokenBatch;
import dev.rein.tensor.Tensor;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelReferenceTest {
    private static final int[] PROMPT = {1, 403, 407, 261, 378, 365, 288};

    @TempDir
    Path temp;

    @Test
    void nothingOrDefaultIsTheEmbeddedModel() {
        assertInstanceOf(ModelReference.Embedded.class, ModelReference.parse(null));
        assertInstanceOf(ModelReference.Embedded.class, ModelReference.parse(" "));
        assertInstanceOf(ModelReference.Embedded.class, ModelReference.parse("default"));
    }

    @Test
    void anExistingPathWinsOverAHubIdOfTheSameSpelling() throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "reference-" + ProcessHandle.current().pid()));
        try {
            String spelling = "target/" + folder.getFileName();
            assertTrue(ModelReference.HUB_ID.matcher(spelling).matches(), "spelled like org/name");
            assertEquals(new ModelReference.Local(Path.of(spelling)), ModelReference.parse(spelling));
        } finally {
            Files.delete(folder);
        }
    }

    @Test
    void aHubIdNamesTheRepositoryAndTheRevision() {
        assertEquals(new ModelReference.HubRepository("org/name", null), ModelReference.parse("org/name"));
        ModelReference.HubRepository tagged = assertInstanceOf(ModelReference.HubRepository.class,
                ModelReference.parse("Qwen/Qwen2.5-0.5B-Instruct@v1.0"));
        assertEquals(new HubRepo("Qwen/Qwen2.5-0.5B-Instruct", "v1.0"), tagged.repo());
        assertEquals("Qwen/Qwen2.5-0.5B-Instruct@v1.0", tagged.toString());
        assertEquals(HubRepo.DEFAULT_REVISION, ((ModelReference.HubRepository) ModelReference.parse("org/name"))
                .repo().revision());
    }

    @Test
    void aMissingPathIsALocalReferenceThatNamesItself() {
        for (String missing : new String[] {"./org/name", "/no/such/model", "a/b/c", "model.bin"}) {
            ModelReference reference = ModelReference.parse(missing);
            assertInstanceOf(ModelReference.Local.class, reference, missing);
            FormatException e = assertThrows(FormatException.class, reference::resolve);
            assertTrue(e.getMessage().startsWith(Path.of(missing) + ": no such file or folder"), e.getMessage());
        }
    }

    @Test
    void aHubModelLoadsAsItsFolderDoesAndIsDownloadedOnce() throws IOException {
        Path folder = SharedData.path("models/stories260K");
        try (FakeHub hub = FakeHub.serving("org/name", folder)) {
            HubSettings settings = new HubSettings(hub.endpoint(), temp.resolve("hub"), null, NetworkMode.ONLINE);

            assertSameLogits(folder, resolve("org/name", settings));
            hub.clearRequests();
            Path again = resolve("org/name@main", settings);

            assertEquals(1, hub.requests().size(), "the second load only asks which commit main names");
            assertEquals(again, resolve("org/name", settings.withNetwork(NetworkMode.OFFLINE)));
        }
    }

    @Test
    void aShardedHubModelLoadsAsTheSingleFileDoes() throws IOException {
        Path folder = SharedData.path("models/stories260K");
        Path sharded = Files.createDirectories(temp.resolve("sharded"));
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            checkpoint.names().forEach(name -> tensors.put(name, checkpoint.tensor(name)));
            assertTrue(CheckpointWriter.write(sharded, tensors, Map.of(), 400_000).size() > 2, "several shards");
        }
        for (String file : List.of("config.json", "tokenizer.json", "tokenizer_config.json")) {
            Files.copy(folder.resolve(file), sharded.resolve(file));
        }
        try (FakeHub hub = FakeHub.serving("org/sharded", sharded)) {
            HubSettings settings = new HubSettings(hub.endpoint(), temp.resolve("hub"), null, NetworkMode.ONLINE);

            Path snapshot = resolve("org/sharded", settings);

            assertFalse(Files.exists(snapshot.resolve(Checkpoint.SINGLE_FILE)));
            try (Stream<Path> files = Files.list(snapshot); Stream<Path> served = Files.list(sharded)) {
                assertEquals(served.count(), files.count(), "the index and every shard");
            }
            assertSameLogits(folder, snapshot);
        }
    }

    /** What {@code LanguageModel.load(reference)} does, with the settings given instead of the environment's. */
    private static Path resolve(String reference, HubSettings settings) throws IOException {
        return assertInstanceOf(ModelReference.HubRepository.class, ModelReference.parse(reference))
                .resolve(settings, DownloadListener.SILENT);
    }

    private static void assertSameLogits(Path expectedFolder, Path actualFolder) throws IOException {
        try (LanguageModel expected = LanguageModel.load(expectedFolder);
             LanguageModel actual = LanguageModel.load(actualFolder)) {
            float[] want = expected.transformer().forward(TokenBatch.of(PROMPT)).value().toFloatArray();
            float[] got = actual.transformer().forward(TokenBatch.of(PROMPT)).value().toFloatArray();
            assertEquals(want.length, got.length);
            for (int i = 0; i < want.length; i++) { // the JIT may reorder sums between two calls: last bits only
                assertEquals(want[i], got[i], 1e-4f * Math.max(1, Math.abs(want[i])), "logit " + i);
            }
            assertTrue(actual.hasTokenizer(), "the tokenizer came along");
        }
    }
}
