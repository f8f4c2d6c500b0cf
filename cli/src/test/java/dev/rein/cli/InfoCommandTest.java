package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code rein info CHECKPOINT} on every shared checkpoint, and one-line errors for malformed ones. */
class InfoCommandTest {
    @TempDir
    Path dir;

    /** Every Hugging Face model folder in ../shared: the real checkpoints and the random ones of each family. */
    static Stream<Path> sharedCheckpoints() throws IOException {
        List<Path> folders = new ArrayList<>();
        for (String parent : List.of("models", "reference/models")) {
            try (Stream<Path> children = Files.list(SharedData.path(parent))) {
                children.filter(child -> Files.isRegularFile(child.resolve("config.json"))).forEach(folders::add);
            }
        }
        return folders.stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("sharedCheckpoints")
    void describesEverySharedCheckpoint(Path checkpoint) {
        CliRun run = CliRun.of("info", checkpoint.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("attention: "), run.out());
        assertTrue(run.out().contains("parameters   "), run.out());
    }

    @Test
    void foldsLayerTensorsAndCountsParameters() {
        CliRun run = CliRun.of("info", SharedData.path("models/stories260K").toString());
        assertTrue(run.out().contains("parameters   260.03K (1015.8 KiB, F32 260.03K)"), run.out());
        assertTrue(run.out().contains("tokenizer    vocab 512, bos <s>, eos </s>, no chat template"), run.out());
        assertTrue(run.out().matches("(?s).*model\\.layers\\.\\{0\\.\\.4\\}\\.self_attn\\.k_proj\\.weight +F32 +\\[32, 64\\]  x5.*"),
                run.out());
        CliRun every = CliRun.of("info", "--all-tensors", SharedData.path("models/stories260K").toString());
        assertTrue(every.out().contains("model.layers.3.mlp.up_proj.weight"), every.out());
    }

    @Test
    void jsonHoldsConfigParametersAndEveryTensor() throws IOException {
        CliRun run = CliRun.of("info", "--json", SharedData.path("models/gpt2-capp-tiny").toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals("gpt2", report.get("family").asText());
        assertEquals(64, report.get("config").get("n_embd").asInt());
        assertEquals(report.get("parameters").get("total").asLong(), report.get("parameters").get("F32").asLong());
        assertEquals(52, report.get("tensors").size());
        JsonNode first = report.get("tensors").get(0);
        assertEquals("transformer.h.0.attn.c_attn.bias", first.get("name").asText());
        assertEquals("[192]", first.get("shape").toString());
    }

    @Test
    void missingPathIsAUserError() {
        CliRun run = CliRun.of("info", dir.resolve("nothing-here").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("rein: error: "), run.err());
        assertTrue(run.err().contains("no such file or folder"), run.err());
    }

    @Test
    void folderWithoutConfigIsAUserError() {
        CliRun run = CliRun.of("info", dir.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("config.json"), run.err());
    }

    @Test
    void malformedConfigNamesFileAndField() throws IOException {
        Files.writeString(dir.resolve("config.json"), """
                {"model_type": "llama", "vocab_size": 32, "hidden_size": "wide", "intermediate_size": 64,
                 "num_hidden_layers": 2, "num_attention_heads": 4}""");
        CliRun run = CliRun.of("info", dir.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("config.json: hidden_size: expected an integer"), run.err());
    }

    @Test
    void malformedSafetensorsNamesTheFile() throws IOException {
        Path file = dir.resolve("broken.safetensors");
        Files.write(file, new byte[] {100, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
        CliRun run = CliRun.of("info", file.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("rein: error: " + file), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }
}
