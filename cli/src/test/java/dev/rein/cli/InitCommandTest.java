package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.tensor.DType;
import dev.rein.tensor.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rein init}: a loadable random checkpoint, and one-line errors for the user's mistakes. */
class InitCommandTest {
    @TempDir
    Path dir;

    private static String llamaConfig() {
        return SharedData.path("reference/models/random-llama-gqa-rope-llama3/config.json").toString();
    }

    @Test
    void writesACheckpointThatInfoReads() throws IOException {
        Path out = dir.resolve("llama");
        CliRun run = CliRun.of("init", "--family", "llama", "--config", llamaConfig(), "--out", out.toString(),
                "--seed", "1", "--dtype", "bf16");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("llama: "), run.out());
        assertTrue(run.out().contains(" parameters, bf16, seed 1"), run.out());
        assertTrue(run.out().contains("wrote " + out + ": model.safetensors, config.json ("), run.out());
        assertEquals("bfloat16", ModelConfig.readFolder(out).dtype().orElseThrow());
        try (Checkpoint checkpoint = Checkpoint.open(out)) {
            assertEquals(DType.BF16, checkpoint.tensor("model.embed_tokens.weight").dtype());
        }
        CliRun info = CliRun.of("info", out.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("BF16"), info.out());
    }

    @Test
    void familyMayBeLeftOutAndDtypeDefaultsToTheConfigs() {
        CliRun run = CliRun.of("init", "--config", llamaConfig(), "--out", dir.toString(), "--seed", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(", f32, seed 1"), run.out());
    }

    @Test
    void aMissingConfigIsAUserError() {
        Path missing = dir.resolve("nothing.json");
        CliRun run = CliRun.of("init", "--config", missing.toString(), "--out", dir.resolve("out").toString(),
                "--seed", "1");
        assertEquals(1, run.exitCode());
        assertEquals("rein: error: " + missing + ": no such file", run.err().strip());
    }

    @Test
    void aFamilyOtherThanTheConfigsNamesTheConfigAndItsModelType() {
        CliRun run = CliRun.of("init", "--family", "qwen2", "--config", llamaConfig(), "--out",
                dir.resolve("out").toString(), "--seed", "1");
        assertEquals(1, run.exitCode());
        assertEquals("rein: error: " + llamaConfig() + ": model_type \"llama\" is the llama family, not qwen2 as "
                + "--family says", run.err().strip());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void aNonEmptyFolderIsReplacedOnlyWithForce() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        CliRun refused = CliRun.of("init", "--config", llamaConfig(), "--out", dir.toString(), "--seed", "1");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().startsWith("rein: error: " + dir + ": the folder is not empty; pass --force"),
                refused.err());
        assertFalse(Files.exists(dir.resolve(ModelConfig.FILE_NAME)));

        CliRun forced = CliRun.of("init", "--config", llamaConfig(), "--out", dir.toString(), "--seed", "1", "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertTrue(Files.exists(dir.resolve(Checkpoint.SINGLE_FILE)));
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    }

    @Test
    void onlyF32AndBf16AreWritten() {
        CliRun run = CliRun.of("init", "--config", llamaConfig(), "--out", dir.toString(), "--seed", "1",
                "--dtype", "f16");
        assertEquals(1, run.exitCode());
        assertEquals("rein: error: --dtype must be f32 or bf16, not f16", run.err().strip());
    }

    @Test
    void helpNamesEveryOption() {
        CliRun run = CliRun.of("init", "--help");
        assertEquals(0, run.exitCode(), run.err());
        for (String option : new String[] {"--config", "--out", "--seed", "--family", "--dtype", "--force"}) {
            assertTrue(run.out().contains(option), option + " in " + run.out());
        }
    }
}
