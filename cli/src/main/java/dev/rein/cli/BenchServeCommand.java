package dev.rein.cli;

import dev.rein.models.LanguageModel;
import dev.rein.serve.LoadRun;
import dev.rein.serve.ReinServer;
import dev.rein.serve.ServerAssets;
import dev.rein.serve.ServerSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein bench serve}: throughput of {@code rein serve} on this machine, with every client at once against one
 * client sending the same number of requests in turn, on a server on 127.0.0.1 (sampled completions, each seeded by
 * its index, of a fixed length). Runs alternate between the two loads; the median and the spread are printed.
 */
@Command(name = "serve", description = {"Server throughput: N clients at once vs the same requests sent in turn",
        "(on 127.0.0.1; generated tokens per second of wall time, median and range over --repeats runs)."})
final class BenchServeCommand implements Callable<Integer> {
    @Mixin
    private BackendOption backend;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "32", description = "Clients at once (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "8", description = "Requests per client (default: ${DEFAULT-VALUE}).")
    private int requests;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "32", description = "Tokens per request (default: ${DEFAULT-VALUE}).")
    private int maxTokens;

    @Option(names = "--prompt", paramLabel = "TEXT", defaultValue = "Once upon a time", description = "The prompt (default: ${DEFAULT-VALUE}).")
    private String prompt;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3", description = "Runs of each load (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Override
    public Integer call() throws IOException, InterruptedException {
        backend.install();
        if (clients < 1 || requests < 1 || maxTokens < 1 || repeats < 1) {
            throw new UserError("--clients, --requests, --max-tokens and --repeats must be at least 1");
        }
        try (LanguageModel model = modelOption.load();
             ReinServer server = ReinServer.start(model, modelOption.name(), ServerSettings.defaults()
                     .withAddress("127.0.0.1", 0).withLimits(Math.max(clients, 1), clients * 2,
                             ServerSettings.defaults().requestTimeout()), new ServerAssets(model))) {
            LoadRun.Bodies bodies = LoadRun.Bodies.sampled(prompt, maxTokens);
            LoadRun.measure("127.0.0.1", server.port(), clients, 1, bodies);            // warm-up: compiles the paths
            List<Double> together = new ArrayList<>();
            List<Double> inTurn = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                together.add(run(server, clients, requests, bodies, "at once"));
                inTurn.add(run(server, 1, clients * requests, bodies, "in turn"));
            }
            System.out.printf(Locale.ROOT, "%d clients x %d requests of %d tokens, %s:%n", clients, requests,
                    maxTokens, modelOption.name());
            System.out.printf(Locale.ROOT, "  at once: %s tokens/s%n  in turn: %s tokens/s%n  ratio of medians: "
                    + "%.2f (peak batch %d rows)%n", spread(together), spread(inTurn),
                    median(together) / median(inTurn), server.peakBatchRows());
        }
        return 0;
    }

    private double run(ReinServer server, int n, int each, LoadRun.Bodies bodies, String label)
            throws InterruptedException {
        LoadRun run = LoadRun.measure("127.0.0.1", server.port(), n, each, bodies);
        if (run.failed() > 0) {
            throw new UserError(run.failed() + " requests failed " + label + "; is the machine out of memory?");
        }
        System.err.printf(Locale.ROOT, "[%s: %d requests, %d tokens in %.2f s = %.1f tokens/s]%n", label,
                run.requests(), run.completionTokens(), run.seconds(), run.tokensPerSecond());
        return run.tokensPerSecond();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String spread(List<Double> values) {
        return String.format(Locale.ROOT, "median %.1f (range %.1f-%.1f)", median(values),
                values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }
}
