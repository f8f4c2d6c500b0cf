package dev.rein.cli;

import dev.rein.models.LanguageModel;
import dev.rein.spark.Controls;
import dev.rein.spark.ModelRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein spark generate}: {@code rein generate} for every row of a dataset, on Spark. Each output row is its
 * input row with the continuation, token counts, finish reason, seed, sample and error; a bad row gets its reason in
 * {@code error}, never a failed job. Control tokens and steering vectors apply to every row, as in rein generate.
 */
@Command(name = "generate", description = {"Continue the prompt of every row of a JSON Lines or Parquet file on "
        + "Spark; the output keeps every input column and adds text, prompt_tokens, generated_tokens, finish_reason, "
        + "seed, sample and error.",
        "Sampling flags as rein generate; --seed is the job's seed, each row's own derives from it and the row's key."})
final class SparkGenerateCommand implements Callable<Integer> {
    @Mixin
    private SparkJobOptions job;

    @Mixin
    private ModelOption modelOption;

    @Mixin
    private DecodingOptions decoding;

    @Option(names = "--control-tokens", split = ",", paramLabel = "TOKEN",
            description = "Control tokens put in every prompt (rein ctrl; where: --control-placement), as rein "
                    + "generate --control-tokens.")
    private List<String> controlTokens = new ArrayList<>();

    @Mixin
    private PlacementOption placement;

    @Mixin
    private SteeringVectorOption steeringVectors;

    @Override
    public Integer call() throws IOException {
        job.checkPaths();
        ModelRef model = new ModelRef(modelOption.name());
        LanguageModel loaded = SparkCli.model(model);
        Controls controls = Controls.tokens(ControlTokenNames.parse(controlTokens), placement.placement());
        for (SteeringVectorOption.Entry vector : steeringVectors.entries()) {
            controls = controls.withSteeringVector(vector.file(), vector.strength());
        }
        controls.check(loaded, "--model " + modelOption.name());
        Controls chosen = controls;
        SparkCli.run(() -> SparkGenerateJob.run(job, model, decoding.settings(loaded), chosen));
        return 0;
    }
}
