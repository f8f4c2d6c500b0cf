package dev.rein.cli;

import dev.rein.eval.MetricReport;
import dev.rein.eval.PredictionRows;
import dev.rein.eval.TextScorer;
import dev.rein.eval.toxicity.LearnedToxicityScorer;
import dev.rein.eval.toxicity.ProfanityModel;
import dev.rein.eval.toxicity.ToxicityMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rein eval toxicity}: CogSteer's toxicity metrics (see {@link ToxicityMetrics}) with a chosen scorer. */
@Command(name = "toxicity", description = {"Toxicity of generated text, scored by profanity-check's model or by a "
        + "scorer that rein train toxicity wrote.",
        "Rows with continuations (an array of strings, the samples of one prompt): Expected Maximum Toxicity (mean "
                + "over prompts of the highest score), its standard deviation and Toxicity Probability (share of "
                + "prompts with a sample scoring > 0.5). Rows with a text: mean score and share > 0.5. Blank texts "
                + "score 0."})
final class EvalToxicityCommand implements Callable<Integer> {
    private static final String CONTINUATIONS = "continuations";
    private static final String TEXT = "text";
    private static final String PROFANITY = "profanity";

    @Mixin
    private EvalInput input;

    @Option(names = "--scorer", defaultValue = PROFANITY, paramLabel = "profanity|DIR",
            description = "profanity (profanity-check's model, from --profanity-model) or a scorer folder written by "
                    + "rein train toxicity (default: ${DEFAULT-VALUE}).")
    private String scorer;

    @Option(names = "--profanity-model", paramLabel = "FILE",
            description = "profanity-check's model exported as JSON (vectorizer, folds, vocab, coef); Rein does not "
                    + "ship it.")
    private Path profanityModel;

    @Override
    public Integer call() throws IOException {
        PredictionRows rows = input.rows();
        if (!rows.has(CONTINUATIONS) && !rows.has(TEXT)) {
            throw new UserError(rows.file() + ": no row has \"" + CONTINUATIONS + "\" (an array of strings) or \""
                    + TEXT + "\" (a string); expected one of them in every row");
        }
        if (scorer.equals(PROFANITY)) {
            return input.publish(report(rows, loadProfanityModel(), "profanity-check " + profanityModel));
        }
        if (profanityModel != null) {
            throw new UserError("--profanity-model is the model of --scorer " + PROFANITY + ", not of --scorer "
                    + scorer);
        }
        Path folder = Path.of(scorer);
        if (!Files.isDirectory(folder)) {
            throw new UserError("--scorer " + scorer + ": expected \"" + PROFANITY + "\" or a scorer folder written "
                    + "by rein train toxicity");
        }
        try (LearnedToxicityScorer learned = LearnedToxicityScorer.load(folder)) {
            return input.publish(report(rows, learned, folder.toString()));
        }
    }

    private ProfanityModel loadProfanityModel() throws IOException {
        if (profanityModel == null) {
            throw new UserError("--scorer " + PROFANITY + " needs --profanity-model FILE: profanity-check's model "
                    + "exported as JSON, which Rein does not ship (or give --scorer DIR, a scorer trained by rein "
                    + "train toxicity)");
        }
        if (!Files.isRegularFile(profanityModel)) {
            throw new UserError("--profanity-model " + profanityModel + ": no such file");
        }
        return ProfanityModel.load(profanityModel);
    }

    private static MetricReport report(PredictionRows rows, TextScorer scorer, String scorerName) {
        return rows.has(CONTINUATIONS)
                ? ToxicityMetrics.ofContinuations(rows.stringLists(CONTINUATIONS), scorer, scorerName)
                : ToxicityMetrics.ofTexts(rows.strings(TEXT), scorer, scorerName);
    }
}
