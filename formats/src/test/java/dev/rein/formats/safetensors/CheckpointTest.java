package dev.rein.formats.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.FormatException;
import dev.rein.tensor.DType;
import dev.rein.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    /** Five F32 tensors of 40 bytes each and one of 400 bytes. */
    private static Map<String, Tensor> weights() {
        Random random = new Random(11);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String name : List.of("a", "b", "c", "d", "e")) {
            tensors.put(name, RandomTensors.tensor(random, DType.F32, 2, 5));
        }
        tensors.put("big", RandomTensors.tensor(random, DType.F32, 100));
        return tensors;
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertSameWeights(Map<String, Tensor> expected, Checkpoint checkpoint) {
        assertEquals(expected.keySet().stream().sorted().toList(), checkpoint.names());
        for (Map.Entry<String, Tensor> entry : expected.entrySet()) {
            RandomTensors.assertSameTensor(entry.getKey(), entry.getValue(), checkpoint.tensor(entry.getKey()));
        }
    }

    @Test
    void everythingWithinTheLimitGoesToOneModelSafetensors() throws IOException {
        Map<String, Tensor> weights = weights();
        List<Path> written = CheckpointWriter.write(dir, weights, Map.of("format", "pt"), 10_000);
        assertEquals(List.of(dir.resolve("model.safetensors")), written);
        assertEquals(List.of("model.safetensors"), fileNames());
        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            assertSameWeights(weights, checkpoint);
            assertEquals(Map.of("format", "pt"), checkpoint.files().getFirst().metadata());
            assertEquals(dir.resolve("model.safetensors"), checkpoint.path());
        }
        try (Checkpoint checkpoint = Checkpoint.open(dir.resolve("model.safetensors"))) {
            assertSameWeights(weights, checkpoint);
        }
    }

    @Test
    void shardsSplitInNameOrderAndATensorOverTheLimitGetsItsOwnShard() throws IOException {
        Map<String, Tensor> weights = weights();
        List<Path> written = CheckpointWriter.write(dir, weights, Map.of("format", "pt"), 100);
        // Name order a, b, big, c, d, e; 40-byte tensors pair up, "big" (400 bytes) stands alone.
        assertEquals(List.of("model-00001-of-00004.safetensors", "model-00002-of-00004.safetensors",
                "model-00003-of-00004.safetensors", "model-00004-of-00004.safetensors", "model.safetensors.index.json"),
                written.stream().map(p -> p.getFileName().toString()).toList());
        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            assertSameWeights(weights, checkpoint);
            assertEquals(4, checkpoint.files().size());
            assertEquals(List.of("a", "b"), checkpoint.files().get(0).names());
            assertEquals(List.of("big"), checkpoint.files().get(1).names());
            assertEquals(List.of("c", "d"), checkpoint.files().get(2).names());
            assertEquals(List.of("e"), checkpoint.files().get(3).names());
            assertEquals(Map.of("format", "pt"), checkpoint.files().get(3).metadata());
            assertEquals(DType.F32, checkpoint.info("big").dtype());
        }
        String index = Files.readString(dir.resolve("model.safetensors.index.json"));
        assertTrue(index.contains("\"total_size\" : 600"), index);
        try (Checkpoint checkpoint = Checkpoint.open(dir.resolve("model.safetensors.index.json"))) {
            assertSameWeights(weights, checkpoint);
        }
    }

    @Test
    void rewritingAFolderDeletesTheCheckpointFilesOfTheEarlierSave() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.writeString(dir.resolve("model-00009-of-00009.safetensors"), "stale");
        CheckpointWriter.write(dir, weights(), Map.of(), 100);
        assertEquals(List.of("config.json", "model-00001-of-00004.safetensors", "model-00002-of-00004.safetensors",
                "model-00003-of-00004.safetensors", "model-00004-of-00004.safetensors", "model.safetensors.index.json"),
                fileNames());
        Map<String, Tensor> fewer = Map.of("only", Tensor.of(1f));
        CheckpointWriter.write(dir, fewer, Map.of(), 100);
        assertEquals(List.of("config.json", "model.safetensors"), fileNames());
        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            assertSameWeights(fewer, checkpoint);
        }
    }

    @Test
    void theIndexWinsOverASingleFile() throws IOException {
        CheckpointWriter.write(dir, weights(), Map.of(), 100);
        SafetensorsWriter.write(dir.resolve("model.safetensors"), Map.of("other", Tensor.of(1f)), Map.of());
        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            assertFalse(checkpoint.contains("other"));
            assertTrue(checkpoint.contains("big"));
        }
    }

    @Test
    void rejectsANonPositiveShardLimit() {
        assertThrows(IllegalArgumentException.class, () -> CheckpointWriter.write(dir, weights(), Map.of(), 0));
    }

    // ------------------------------------------------------------------ validation

    private void writeIndex(String weightMapJson) throws IOException {
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"metadata\":{\"total_size\":8},\"weight_map\":" + weightMapJson + "}");
    }

    private void writeShard(String file, String... names) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String name : names) {
            tensors.put(name, Tensor.of(1f));
        }
        SafetensorsWriter.write(dir.resolve(file), tensors, Map.of());
    }

    private void assertRejected(Path file, String tensor, String... fragments) {
        FormatException e = assertThrows(FormatException.class, () -> Checkpoint.open(dir).close());
        assertEquals(file, e.file(), e.getMessage());
        assertEquals(tensor, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": " + (tensor == null ? "" : tensor + ": ")), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "expected \"" + fragment + "\" in: " + e.getMessage());
        }
    }

    @Test
    void aFolderWithoutWeights() {
        assertRejected(dir, null, "neither model.safetensors nor model.safetensors.index.json");
    }

    @Test
    void aFolderWithPytorchWeightsOnlySaysToConvertThem() throws IOException {
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {0x50, 0x4b});
        assertRejected(dir, null, "PyTorch's pickled pytorch_model.bin is not read: convert it to safetensors");
    }

    @Test
    void aMissingShard() throws IOException {
        writeShard("one.safetensors", "a");
        writeIndex("{\"a\":\"one.safetensors\",\"b\":\"two.safetensors\"}");
        assertRejected(dir.resolve("model.safetensors.index.json"), "b", "two.safetensors, which does not exist");
    }

    @Test
    void aListedTensorAbsentFromItsShard() throws IOException {
        writeShard("one.safetensors", "a");
        writeIndex("{\"a\":\"one.safetensors\",\"b\":\"one.safetensors\"}");
        assertRejected(dir.resolve("one.safetensors"), "b", "the shard does not hold it");
    }

    @Test
    void theSameTensorInTwoShards() throws IOException {
        writeShard("one.safetensors", "a", "b");
        writeShard("two.safetensors", "b");
        writeIndex("{\"a\":\"one.safetensors\",\"b\":\"two.safetensors\"}");
        assertRejected(dir.resolve("one.safetensors"), "b", "stored twice", "two.safetensors");
    }

    @Test
    void aShardTensorTheIndexDoesNotList() throws IOException {
        writeShard("one.safetensors", "a", "extra");
        writeIndex("{\"a\":\"one.safetensors\"}");
        assertRejected(dir.resolve("one.safetensors"), "extra", "does not list it");
    }

    @Test
    void aTensorListedTwiceInTheIndex() throws IOException {
        writeShard("one.safetensors", "a");
        writeIndex("{\"a\":\"one.safetensors\",\"a\":\"one.safetensors\"}");
        assertRejected(dir.resolve("model.safetensors.index.json"), "weight_map", "Duplicate", "'a'");
    }

    @Test
    void shardNamesMustBeFileNamesInTheFolder() throws IOException {
        for (String bad : List.of("../one.safetensors", "sub/one.safetensors", "..", "", "C:\\\\one")) {
            writeIndex("{\"a\":\"" + bad + "\"}");
            assertRejected(dir.resolve("model.safetensors.index.json"), "a", "file name of a shard");
        }
        writeIndex("{\"a\":7}");
        assertRejected(dir.resolve("model.safetensors.index.json"), "a", "file name of a shard");
    }

    @Test
    void anIndexWithoutAWeightMapOrWithBadMetadata() throws IOException {
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\":{}}");
        assertRejected(dir.resolve("model.safetensors.index.json"), "weight_map", "expected an object");
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\":3,\"weight_map\":{}}");
        assertRejected(dir.resolve("model.safetensors.index.json"), "metadata", "expected an object");
        Files.writeString(dir.resolve("model.safetensors.index.json"), "[]");
        assertRejected(dir.resolve("model.safetensors.index.json"), null, "expected a JSON object");
    }

    @Test
    void aMalformedShardIsReportedWithItsOwnName() throws IOException {
        Files.write(dir.resolve("one.safetensors"), new byte[3]);
        writeIndex("{\"a\":\"one.safetensors\"}");
        assertRejected(dir.resolve("one.safetensors"), null, "3 bytes");
    }

    @Test
    void anUnknownTensorNameIsAFormatError() throws IOException {
        CheckpointWriter.write(dir, weights(), Map.of(), 100);
        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            FormatException e = assertThrows(FormatException.class, () -> checkpoint.tensor("lm_head.weight"));
            assertEquals("lm_head.weight", e.field());
            assertEquals(dir.resolve("model.safetensors.index.json"), e.file());
        }
    }
}
