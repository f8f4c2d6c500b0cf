package dev.rein.training.trainer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.training.checkpoints.CheckpointStore;
import dev.rein.training.testing.TinyLlama;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process killed with SIGKILL ({@link Process#destroyForcibly()}) and resumed in this JVM logs the
 * same losses, step for step, as a run that was never interrupted: once killed right after a checkpoint, once at a
 * random moment (with a checkpoint after every step, so the kill often lands inside a checkpoint write).
 */
class KillAndResumeTest {
    private static Path model;
    private static Path uninterrupted;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainWithoutInterruption(@TempDir Path shared) throws IOException {
        model = TinyLlama.write(shared.resolve("model"), 5);
        uninterrupted = shared.resolve("run");
        TinyRun.train(model, uninterrupted, 3, 2);
    }

    @Test
    void killedAfterACheckpoint() throws Exception {
        Path out = dir.resolve("after-checkpoint");
        Process child = start(out, 3, 2);
        Path sixth = new CheckpointStore(out, 2).folderOf(6);
        waitFor(child, () -> Files.isDirectory(sixth));
        killed(child);
        TinyRun.resume(model, out, 3, 2);
        ResumeChecks.sameLosses(uninterrupted, out);
    }

    @Test
    void killedAtARandomMoment() throws Exception {
        Random random = new Random(20_240_917);
        for (int attempt = 0; attempt < 2; attempt++) {
            Path out = dir.resolve("random-" + attempt);
            Process child = start(out, 1, 2);
            int lines = 1 + random.nextInt(TinyRun.STEPS - 2);
            Path log = out.resolve(MetricsLog.FILE_NAME);
            waitFor(child, () -> linesIn(log) >= lines);
            Thread.sleep(random.nextInt(15));
            killed(child);
            TinyRun.resume(model, out, 1, 2);
            ResumeChecks.sameLosses(uninterrupted, out);
        }
    }

    /** A JVM running {@link TinyRun#main} on this JVM's class path, its output in a file beside {@code out}. */
    private Process start(Path out, int saveEvery, int keep) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                TinyRun.class.getName(), model.toString(), out.toString(), Integer.toString(saveEvery),
                Integer.toString(keep)));
        Path output = dir.resolve(out.getFileName() + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** Polls until {@code ready} holds; fails with the child's output when it ends first or takes over a minute. */
    private void waitFor(Process child, BooleanSupplier ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!ready.getAsBoolean()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                child.destroyForcibly().waitFor();
                throw new AssertionError("the training process ended or stalled before it was to be killed (exit "
                        + child.exitValue() + ")");
            }
            Thread.sleep(2);
        }
    }

    private static void killed(Process child) throws InterruptedException {
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed process ends");
    }

    private static long linesIn(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
