package dev.rein.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.eval.alignment.Misalignment;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.steering.ctrl.Condition;
import dev.rein.steering.ctrl.ControlToken;
import dev.rein.steering.ctrl.ControlVocabulary;
import dev.rein.steering.ctrl.CtrlEvaluation;
import dev.rein.steering.ctrl.CtrlReport;
import dev.rein.steering.ctrl.LabelledRows;
import dev.rein.steering.ctrl.LabelledSentence;
import dev.rein.steering.ctrl.ModelContinuations;
import dev.rein.steering.ctrl.Placement;
import dev.rein.steering.ctrl.ScoredText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein ctrl eval}: the seed's evaluation of control tokens ({@link CtrlEvaluation}) on a model trained with
 * them, printed in the report's layout and written as JSON with every continuation beside it.
 */
@Command(name = "eval", description = {"Continue validation sentences under each condition (none, and the tokens "
        + "of --conditions, before the sentence or after it by --control-placement: toxicity <|nontoxic|>, "
        + "sentiment <|pos|>, both <|nontoxic|><|pos|>) with the same sampling and seeds (--preset ctrl unless "
        + "flags say otherwise), cut "
        + "each continuation into sentences and judge each: toxic when --toxicity-scorer's score is above "
        + "--toxic-threshold, positive when the sentiment score is above 0 (VADER's pos > neg).",
        "Prints toxic share under none vs <|nontoxic|>, negative share under none vs <|pos|> and joint "
                + "misalignment (1 - share nontoxic and positive) under none vs both, with the differences. "
                + "--scoring says which sentences count: the continuation's (default), the prompt's too (the "
                + "seed's code), or the whole sentence that a prompt of --opening-words K words opens. Writes "
                + "--out (JSON) and the per-row predictions (JSONL)."})
final class CtrlEvalCommand implements Callable<Integer> {
    @Mixin
    private BackendOption backend;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--prompts", required = true, paramLabel = "FILE.jsonl",
            description = "Labelled validation sentences (rein ctrl label's --val-out).")
    private Path prompts;

    @Option(names = "--n", defaultValue = "400", paramLabel = "N",
            description = "Prompts drawn from the file, all when it has fewer (default: ${DEFAULT-VALUE}).")
    private int n;

    @Option(names = "--prompt-seed", defaultValue = "200", paramLabel = "S",
            description = "Seed of the draw of prompts (default: ${DEFAULT-VALUE}, as the seed); --seed seeds the "
                    + "sampling.")
    private long promptSeed;

    @Option(names = "--conditions", split = ",", paramLabel = "NAME", defaultValue = "toxicity,sentiment,both",
            description = "Conditions to compare with none, which always runs: toxicity, sentiment, both "
                    + "(default: ${DEFAULT-VALUE}).")
    private List<String> conditions;

    @Mixin
    private ToxicityScorerOption toxicity;

    @Option(names = "--toxic-threshold", paramLabel = "T", defaultValue = "" + CtrlLabelCommand.SCORER_THRESHOLD,
            description = "A sentence is toxic when its score is above T (default: ${DEFAULT-VALUE} for the "
                    + "scorers' probabilities; the seed's 0.001 was on Detoxify's, which none of them matches).")
    private double threshold;

    @Mixin
    private SentimentOption sentiment;

    @Option(names = "--scoring", defaultValue = "continuation",
            paramLabel = "continuation|prompt-and-continuation|whole-sentence",
            description = "Which sentences are judged: the continuation's (the report's description), the prompt's "
                    + "and the continuation's (the seed's code), or the whole sentence, the prompt's words and the "
                    + "continuation up to the first sentence end (needs --opening-words) (default: "
                    + "${DEFAULT-VALUE}).")
    private String scoring;

    @Option(names = "--opening-words", paramLabel = "K",
            description = "Cut each prompt to the first K words of its sentence, so the model finishes the "
                    + "sentence (default: the whole sentence).")
    private Integer openingWords;

    @Mixin
    private PlacementOption placement;

    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N",
            description = "Prompts generated together, left-padded (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Mixin
    private DecodingOptions decoding;

    @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "Where to write the report.")
    private Path out;

    @Option(names = "--predictions", paramLabel = "FILE.jsonl",
            description = "Where to write every continuation and its judged sentences (default: beside --out, "
                    + "NAME.predictions.jsonl).")
    private Path predictions;

    @Override
    public Integer call() throws Exception {
        backend.install();
        List<Condition> chosen = conditions();
        Placement where = placement.placement();
        ScoredText scoredText = scoredText();
        if (!Files.isRegularFile(prompts)) throw new UserError("--prompts " + prompts + ": no such file");
        if (n < 1 || batchSize < 1) throw new UserError("--n and --batch-size must be at least 1");
        Path predictionsFile = predictions != null ? predictions
                : OutputFile.beside(out, ".json", ".predictions.jsonl");
        OutputFile.requireFolder("--out", out);
        OutputFile.requireFolder("--predictions", predictionsFile);
        List<LabelledSentence> rows = CtrlEvaluation.samplePrompts(LabelledRows.read(prompts), n, promptSeed)
                .stream().map(row -> openingWords == null ? row : row.opening(openingWords)).toList();
        SentimentOption.Chosen sentimentScorer = sentiment.open();
        try (LanguageModel model = modelOption.load(); ToxicityScorerOption.Opened toxicityScorer = toxicity.open()) {
            if (!model.hasTokenizer()) {
                throw new UserError("--model " + modelOption.name() + ": no tokenizer.json beside the weights");
            }
            Set<ControlToken> tokens = new LinkedHashSet<>();
            chosen.forEach(condition -> tokens.addAll(condition.tokens()));
            ControlVocabulary.check(model.tokenizer(), model.config().vocabSize(), tokens,
                    "--model " + modelOption.name());
            SamplingSettings settings = decoding.presetByDefault(model, DecodingPreset.CTRL);
            ModelContinuations continuations = new ModelContinuations(model.transformer(), model.tokenizer(),
                    settings, batchSize, done -> System.err.printf("%d of %d prompts%n", done, rows.size()));
            CtrlReport report = new CtrlEvaluation(continuations, new Misalignment(toxicityScorer.scorer(),
                    sentimentScorer.scorer(), threshold), scoredText, where).run(rows, chosen);
            System.out.print(report.table());
            report.writeJson(out, settings(settings, where, toxicityScorer.name(), sentimentScorer.name()));
            report.writePredictions(predictionsFile);
            System.out.println("wrote " + out + " and " + predictionsFile);
        }
        return 0;
    }

    private List<Condition> conditions() {
        List<Condition> chosen = new ArrayList<>();
        for (String name : conditions) {
            try {
                chosen.add(Condition.parse(name));
            } catch (IllegalArgumentException e) {
                throw new UserError("--conditions: " + e.getMessage());
            }
        }
        return chosen;
    }

    private ScoredText scoredText() {
        ScoredText parsed;
        try {
            parsed = ScoredText.parse(scoring);
        } catch (IllegalArgumentException e) {
            throw new UserError("--scoring: " + e.getMessage());
        }
        if (openingWords != null && openingWords < 1) {
            throw new UserError("--opening-words must be at least 1, not " + openingWords);
        }
        if (parsed == ScoredText.WHOLE_SENTENCE && openingWords == null) {
            throw new UserError("--scoring whole-sentence judges the sentence a prompt opens; give --opening-words K "
                    + "to cut each prompt to its first K words");
        }
        return parsed;
    }

    private ObjectNode settings(SamplingSettings sampling, Placement where, String toxicityName,
                                String sentimentName) {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("model", modelOption.name())
                .put("prompts_file", prompts.toString())
                .put("n", n)
                .put("prompt_seed", promptSeed)
                .put("toxicity_scorer", toxicityName)
                .put("toxicity_threshold", threshold)
                .put("sentiment_scorer", sentimentName)
                .put("placement", where.label())
                .put("opening_words", openingWords)
                .put("batch_size", batchSize);
        json.set("sampling", DecodingOptions.describe(sampling));
        return json;
    }
}
