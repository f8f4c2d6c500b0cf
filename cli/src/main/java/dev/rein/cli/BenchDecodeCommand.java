package dev.rein.cli;

import dev.rein.bench.DecodeBench;
import dev.rein.formats.WeightMemory;
import dev.rein.models.LanguageModel;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein bench decode}: prompt-processing and decoding speed of a model, against the FMA peak and the memory
 * roofline measured in the same run.
 */
@Command(name = "decode", description = {"Prompt and decode tokens/s of a model, as percentages of the measured",
        "FMA peak and memory roofline (weight bytes per token / read bandwidth)."})
final class BenchDecodeCommand implements Callable<Integer> {
    @Mixin
    private BackendOption backend;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--prompt-tokens", paramLabel = "N", description = "Prompt length (default: 256).")
    private int promptTokens = DecodeBench.Options.DEFAULT.promptTokens();

    @Option(names = "--decode-tokens", paramLabel = "N", description = "Tokens generated per run (default: 32).")
    private int decodeTokens = DecodeBench.Options.DEFAULT.decodeTokens();

    @Option(names = "--repeats", paramLabel = "N", description = "Measured runs after the warm-up (one run, and more while a run still takes new tensor memory, up to 5); medians and ranges are over them (default: 5).")
    private int repeats = DecodeBench.Options.DEFAULT.repeats();

    @Option(names = "--weight-memory", paramLabel = "KIND", description = {"Where the weights live: copy (read once "
            + "into anonymous memory with huge pages, the default) or mapped (the file's pages in place)."})
    private WeightMemory weightMemory;

    @Option(names = "--profile", description = {"Then one more run with every op timed: where the prompt pass and "
            + "decoding spend their time (matmul, attention, norm, rope, elementwise, other ops, outside the backend)."})
    private boolean profile;

    @Option(names = "--batch", paramLabel = "B", description = {"Then B sequences decoded together against one, "
            + "alternating in the same process: tokens/s of each and their ratio (B at least 2); with --profile, "
            + "also where a step of the B rows spends its time."})
    private Integer batch;

    @Override
    public Integer call() throws IOException {
        backend.install();
        if (weightMemory == null) {
            try {
                weightMemory = WeightMemory.configured();
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        System.setProperty(WeightMemory.PROPERTY, weightMemory.name());
        if (promptTokens < 1 || decodeTokens < 1 || repeats < 1) {
            throw new UserError("--prompt-tokens, --decode-tokens and --repeats must be at least 1");
        }
        if (batch != null && batch < 2) {
            throw new UserError("--batch must be at least 2 (got " + batch + ")");
        }
        long loadStart = System.nanoTime();
        try (LanguageModel model = modelOption.load()) {
            System.err.printf(Locale.ROOT, "loaded in %.2f s, weights in %s memory%n",
                    (System.nanoTime() - loadStart) * 1e-9, weightMemory);
            if (promptTokens + decodeTokens > model.config().maxPositions()) {
                throw new UserError("--prompt-tokens + --decode-tokens = " + (promptTokens + decodeTokens)
                        + " exceeds the model's context of " + model.config().maxPositions());
            }
            DecodeBench.Options options = new DecodeBench.Options(promptTokens, decodeTokens, repeats);
            System.out.print(DecodeBench.run(model.transformer(), options, System.err).format());
            if (profile) {
                System.out.print(DecodeBench.profile(model.transformer(), options).format());
            }
            if (batch != null) {
                System.out.print(DecodeBench.batched(model.transformer(), options, batch, System.err).format());
                if (profile) {
                    System.out.print(DecodeBench.profileBatched(model.transformer(), options, batch));
                }
            }
        }
        return 0;
    }
}
