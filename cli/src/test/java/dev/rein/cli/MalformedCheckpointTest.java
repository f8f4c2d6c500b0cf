package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of malformed safetensors file and shard index ends {@code rein info} with one line that names the file
 * (and the tensor, where one is at fault) and exit code 1.
 */
class MalformedCheckpointTest {
    private static final String CONFIG = """
            {"model_type": "llama", "vocab_size": 2, "hidden_size": 4, "intermediate_size": 8,
             "num_hidden_layers": 1, "num_attention_heads": 2}""";

    @TempDir
    Path dir;

    /** A safetensors file: 8-byte little-endian header length, the header, then {@code dataBytes} zero bytes. */
    private Path safetensors(String name, String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(json.length).put(json);
        return Files.write(dir.resolve(name), bytes.array());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unparsable header           | {"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}    | 8  | not valid JSON
            unsupported dtype           | {"w": {"dtype": "F64", "shape": [1], "data_offsets": [0, 8]}}   | 8  | w: unsupported dtype "F64"
            shape against byte length   | {"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}   | 8  | w:
            offsets outside the data    | {"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}   | 4  | w:
            overlapping ranges          | {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}} | 8 | b:
            trailing garbage            | {"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}   | 12 | 
            duplicate names             | {"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "w": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}} | 8 | w
            """)
    void malformedSafetensorsIsOneLineNamingFileAndTensor(String kind, String header, int dataBytes, String expected)
            throws IOException {
        Files.writeString(dir.resolve("config.json"), CONFIG);
        Path file = safetensors("model.safetensors", header.strip(), dataBytes);
        CliRun run = CliRun.of("info", dir.toString());
        assertEquals(1, run.exitCode(), kind + ": " + run.out() + run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("rein: error: " + file + ": "), run.err());
        if (expected != null) assertTrue(run.err().contains(expected), kind + ": " + run.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            header longer than the file | 1000
            header over 100 MB          | 200000000
            """)
    void impossibleHeaderLengthIsOneLine(String kind, long headerLength) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).putLong(0);
        Path file = Files.write(dir.resolve("weights.safetensors"), bytes.array());
        CliRun run = CliRun.of("info", file.toString());
        assertEquals(1, run.exitCode(), kind);
        assertTrue(run.err().startsWith("rein: error: " + file + ": "), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing shard         | {"weight_map": {"w": "model-00002-of-00002.safetensors"}} | w
            tensor not in shard   | {"weight_map": {"v": "model-00001-of-00001.safetensors"}} | v
            index without a map   | {"metadata": {}}                                         | weight_map
            """)
    void inconsistentShardIndexIsOneLine(String kind, String index, String field) throws IOException {
        Files.writeString(dir.resolve("config.json"), CONFIG);
        safetensors("model-00001-of-00001.safetensors",
                "{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 4);
        Files.writeString(dir.resolve("model.safetensors.index.json"), index);
        CliRun run = CliRun.of("info", dir.toString());
        assertEquals(1, run.exitCode(), kind);
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains(": " + field + ": "), kind + ": " + run.err());
    }
}
