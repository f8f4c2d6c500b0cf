package dev.rein.cli;

import dev.rein.bench.BenchSuite;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rein bench}: measures this machine's limits (F32 FMA peak, memory bandwidth) and Rein's kernels as a
 * percentage of them, in one run.
 */
@Command(name = "bench", description = {"Measure peak FLOP/s and bandwidth, then Rein's kernels against them.",
        "rein bench decode --model DIR measures a model's prompt and decode speed,",
        "rein bench train --model DIR its training speed,",
        "rein bench serve --model DIR the server's throughput under concurrent clients."},
        subcommands = {BenchDecodeCommand.class, BenchTrainCommand.class, BenchServeCommand.class})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "Fewer sizes and shorter runs (seconds instead of minutes).")
    private boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
    private Path json;

    @Override
    public Integer call() {
        if (json != null) OutputFile.requireFolder("--json", json);
        BenchSuite.run(new BenchSuite.Options(quick, json), System.out);
        return 0;
    }
}
