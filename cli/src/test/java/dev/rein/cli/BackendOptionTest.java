package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.rein.tensor.Backends;
import dev.rein.tensor.cpu.CpuBackend;
import org.junit.jupiter.api.Test;

/**
 * {@code --backend}: cpu is the default and can be named; in a build without TornadoVM (the default build, CI)
 * {@code --backend tornado} is one line saying so and how to install it, exit code 1; unknown names list the
 * backends there are.
 */
class BackendOptionTest {

    @Test
    void cpuIsTheDefaultAndCanBeNamed() {
        CliRun run = CliRun.of("info", "--backend", "cpu");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("backend      cpu ("), run.out());
        assertEquals(CpuBackend.instance(), Backends.current());
    }

    @Test
    void tornadoWithoutTornadoVmIsOneLineSayingHowToInstallIt() {
        assumeFalse(Backends.available().contains("tornado"), "this build has the TornadoVM backend");
        CliRun run = CliRun.of("logits", "--model", LogitsCommandTest.stories(), "--ids", "1,2", "--backend", "tornado");
        assertEquals(1, run.exitCode());
        assertEquals("rein: error: " + BackendOption.TORNADO_ABSENT + System.lineSeparator(), run.err());
        assertTrue(run.err().contains("TORNADOVM_HOME") && run.err().contains("docs/gpu.md"), run.err());
    }

    @Test
    void anUnknownBackendListsTheAvailableOnes() {
        CliRun run = CliRun.of("generate", "--model", LogitsCommandTest.stories(), "--prompt", "x", "--backend", "tpu");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("rein: error: --backend tpu: no backend named 'tpu' in this build; available: cpu"),
                run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }
}
