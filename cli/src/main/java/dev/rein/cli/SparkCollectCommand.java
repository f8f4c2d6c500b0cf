package dev.rein.cli;

import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.HookPoints;
import dev.rein.spark.ModelRef;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein spark collect}: RE-Control's state collection ({@code rein recontrol collect}) over a dataset on
 * Spark, one collection folder per partition under --output.
 */
@Command(name = "collect", description = {"RE-Control's first stage on Spark: generate for every prompt and record "
        + "the states at --hook-point, one collection folder (part-NNNNN: states.safetensors, responses.jsonl, "
        + "collection.json) per partition under --output.",
        "Give --greedy or --sample (with --seed), as rein recontrol collect."})
final class SparkCollectCommand implements Callable<Integer> {
    @Mixin
    private SparkJobOptions job;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--hook-point", paramLabel = "POINT", defaultValue = HookPoints.FINAL_NORMALIZED,
            description = "Where the states are read (default: ${DEFAULT-VALUE}, RE-Control's).")
    private String hookPoint;

    @Mixin
    private DecodingOptions decoding;

    @Override
    public Integer call() throws IOException {
        job.checkPaths();
        decoding.requireSamplingChoice();
        ModelRef model = new ModelRef(modelOption.name());
        LanguageModel loaded = SparkCli.model(model);
        if (!loaded.transformer().hookPoints().contains(hookPoint)) {
            throw new UserError("--hook-point " + hookPoint + ": the model has no such point; see rein info or "
                    + "docs/hooks.md for the names");
        }
        SparkCli.run(() -> SparkCollectJob.run(job, model, decoding.settings(loaded), hookPoint));
        return 0;
    }
}
