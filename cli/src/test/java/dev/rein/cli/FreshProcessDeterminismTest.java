package dev.rein.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seeds give the same text in two fresh JVMs: {@code rein demo recontrol} (sampled tales, a value MLP
 * trained on them, tales steered by gradient ascent on it) run in two processes at once, whose JIT compiles the
 * kernels at different moments, so any reduction whose order depends on the tier a kernel runs in shows up as a
 * different tale or metric. Only the closing "Done in ... s" line may differ.
 */
class FreshProcessDeterminismTest {
    private static final String[] DEMO = {"demo", "recontrol", "--samples", "1", "--test-samples", "1", "--epochs",
            "1", "--steps", "3"};

    @Test
    void recontrolDemoPrintsTheSameInTwoFreshProcesses(@TempDir Path dir) throws Exception {
        Process first = start(dir.resolve("first.txt"));
        Process second = start(dir.resolve("second.txt"));
        String a = finished(first, dir.resolve("first.txt"));
        String b = finished(second, dir.resolve("second.txt"));
        assertEquals(a, b, "the two processes printed different output");
    }

    /** A JVM running the command line on this JVM's class path, stdout and stderr into {@code out}. */
    private static Process start(Path out) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Rein.class.getName()));
        command.addAll(List.of(DEMO));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    /** The process's output without its timing line, once it exited with 0. */
    private static String finished(Process process, Path out) throws Exception {
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("no exit within 15 minutes: " + Files.readString(out, StandardCharsets.UTF_8));
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        return text.lines().filter(line -> !line.startsWith("Done in ")).collect(Collectors.joining("\n"));
    }
}
