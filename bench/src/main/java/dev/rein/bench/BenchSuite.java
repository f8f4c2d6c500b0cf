package dev.rein.bench;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The measurements `rein bench` prints: the machine's limits (F32 FMA peak, memory read bandwidth) and
 * Rein's kernels as a percentage of them.
 */
public final class BenchSuite {
    private BenchSuite() {
    }

    /**
     * @param quick    fewer sizes and shorter runs (seconds instead of a minute)
     * @param jsonOut  where to also write the figures as JSON, or null
     */
    public record Options(boolean quick, Path jsonOut) {
    }

    /** Runs every measurement and prints a table to {@code out}. */
    public static void run(Options options, PrintStream out) {
        throw new UnsupportedOperationException("BenchSuite is being written");
    }
}
