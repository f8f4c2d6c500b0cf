package dev.rein.cli;

import dev.rein.models.LanguageModel;
import dev.rein.spark.Controls;
import dev.rein.spark.MethodEvaluation;
import dev.rein.spark.ModelRef;
import dev.rein.spark.ScorerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein spark eval}: a method's evaluation on Spark: the rows generated as {@code rein spark generate} does
 * (and written to --output), then measured on the driver with the eval module's metrics.
 */
@Command(name = "eval", description = {"Generate for every row on Spark (written to --output as rein spark generate "
        + "writes) and measure the continuations: length (CIE's word-count metrics against --target-field), "
        + "toxicity (CogSteer's Expected Maximum Toxicity over each prompt's samples, e.g. --preset cogsteer) or "
        + "misalignment (the control-token method's toxic/negative sentence shares)."})
final class SparkEvalCommand implements Callable<Integer> {
    /** The evaluations there are. */
    enum Metric { LENGTH, TOXICITY, MISALIGNMENT }

    @Mixin
    private SparkJobOptions job;

    @Mixin
    private ModelOption modelOption;

    @Mixin
    private DecodingOptions decoding;

    @Option(names = "--metric", required = true, paramLabel = "length|toxicity|misalignment",
            description = "What to measure.")
    private Metric metric;

    @Option(names = "--target-field", paramLabel = "NAME", defaultValue = "ans_len",
            description = "With --metric length: the column of each row's word count target (default: "
                    + "${DEFAULT-VALUE}, CIE's).")
    private String targetField;

    @Option(names = "--tolerance", split = ",", paramLabel = "K", defaultValue = "0,3,5",
            description = "With --metric length: word-count tolerances (default: ${DEFAULT-VALUE}).")
    private int[] tolerances;

    @Option(names = "--profanity-model", paramLabel = "FILE", description = "The toxicity scorer: profanity-check's "
            + "model as JSON (default: $REIN_SHARED/data/toxicity/profanity_model.json, else ../shared/...).")
    private Path profanityModel;

    @Mixin
    private VaderOption vader;

    @Option(names = "--toxicity-threshold", paramLabel = "T", description = "With --metric misalignment: a sentence "
            + "scoring above T is toxic (default: 0.5, the profanity scorer's; the seed used 0.001 on Detoxify).")
    private double toxicityThreshold = 0.5;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    private Path report;

    @Override
    public Integer call() throws IOException {
        job.checkPaths();
        ModelRef model = new ModelRef(modelOption.name());
        LanguageModel loaded = SparkCli.model(model);
        MethodEvaluation evaluation = switch (metric) {
            case LENGTH -> new MethodEvaluation.Length(targetField, tolerances);
            case TOXICITY -> new MethodEvaluation.Toxicity(profanity());
            case MISALIGNMENT -> new MethodEvaluation.Alignment(profanity(),
                    new ScorerSpec.VaderMargin(vader.folder().toString()), toxicityThreshold);
        };
        SparkCli.run(() -> SparkEvalJob.run(job, model, decoding.settings(loaded), Controls.none(), evaluation,
                report));
        return 0;
    }

    private ScorerSpec profanity() {
        Path file = profanityModel != null ? profanityModel
                : SharedDataFolder.resolve("data/toxicity/profanity_model.json");
        if (!Files.isRegularFile(file)) {
            throw new UserError("--profanity-model " + file + ": no such file; the toxicity metrics need "
                    + "profanity-check's model exported as JSON, which Rein does not ship");
        }
        return new ScorerSpec.Profanity(file.toString());
    }
}
