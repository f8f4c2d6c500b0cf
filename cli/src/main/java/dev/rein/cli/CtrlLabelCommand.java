package dev.rein.cli;

import dev.rein.eval.alignment.Misalignment;
import dev.rein.eval.sentiment.StorySentiment;
import dev.rein.eval.toxicity.StoryRudeness;
import dev.rein.steering.ctrl.ControlToken;
import dev.rein.steering.ctrl.CtrlLabelling;
import dev.rein.steering.ctrl.LabelledRows;
import dev.rein.steering.ctrl.LabelledSentence;
import dev.rein.steering.ctrl.LabellingSettings;
import dev.rein.steering.ctrl.SentenceFile;
import dev.rein.steering.ctrl.SentenceLabeller;
import dev.rein.steering.ctrl.SentimentTies;
import dev.rein.steering.ctrl.StorySentences;
import dev.rein.steering.ctrl.StoryUnit;
import dev.rein.steering.ctrl.ToxicityScores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein ctrl label}: sentences labelled with toxicity and sentiment tokens, split into training rows and a
 * balanced validation set ({@link CtrlLabelling}), written as labelled files ({@link LabelledRows}).
 */
@Command(name = "label", description = {"Label sentences for control-token training, as the seed does: clean each "
        + "with its regex, drop those under --min-words, label toxic when the toxicity score is above "
        + "--toxic-threshold (from --score-field, else --toxicity-scorer) and pos or neg by the larger of VADER's "
        + "pos and neg (ties: --sentiment-ties), split --val-fraction off for validation, strip the control tokens "
        + "of --strip-fraction of the training rows, and draw --val-size/4 validation sentences under "
        + "--val-max-words words from each of nontoxic-pos, nontoxic-neg, toxic-pos and toxic-neg.",
        "Input: --in, JSON Lines of one sentence a row ({\"text\": ..., \"score\": ...}) or of documents as lists of "
                + "sentences ({\"texts\": [...], \"scores\": [...]}, pile-detoxify's shape; --text-field texts "
                + "--score-field scores); or --stories N, the first N tales of the story corpus of --seed, not cleaned "
                + "and labelled by the grammar: with --unit tale (the default) a row is a whole tale, toxic when "
                + "rude, with the sentiment of its ending, and a validation row is the opening sentence of a "
                + "split-off tale; with --unit sentence a row is one sentence, labelled by its own wording.",
        "Output rows: {\"text\", \"toxicity\": toxic|nontoxic, \"sentiment\": pos|neu|neg, \"strip\": true (only "
                + "where the tokens are removed), \"toxicity_score\", \"sentiment_score\"}. The same input, options "
                + "and --seed give the same files."})
final class CtrlLabelCommand implements Callable<Integer> {
    /** A scorer's probabilities are not Detoxify's: above this a sentence is toxic unless --toxic-threshold says. */
    static final double SCORER_THRESHOLD = 0.5;

    @Option(names = "--in", paramLabel = "FILE.jsonl", description = "The sentences to label.")
    private Path in;

    @Option(names = "--stories", paramLabel = "N",
            description = "Instead of --in: the sentences of the first N tales of the story corpus of --seed.")
    private Integer stories;

    @Option(names = "--unit", paramLabel = "tale|sentence",
            description = "With --stories: a row is a whole tale or one sentence (default: tale).")
    private String unit;

    @Option(names = "--split", paramLabel = "none|sentences",
            description = "With --in: none (each text is a sentence, the default) or sentences (each text is a "
                    + "document, such as a tale sampled from a model, cut into sentences by the rule-based splitter "
                    + "before cleaning; toxicity then comes from --toxicity-scorer).")
    private String split;

    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "The training rows to write.")
    private Path out;

    @Option(names = "--val-out", paramLabel = "FILE.jsonl",
            description = "The balanced validation set to write (default: beside --out, NAME.val.jsonl).")
    private Path valOut;

    @Option(names = "--text-field", defaultValue = "text", paramLabel = "NAME",
            description = "The field of a row's sentence, or list of sentences (default: ${DEFAULT-VALUE}).")
    private String textField;

    @Option(names = "--score-field", paramLabel = "NAME", description = "The field of each sentence's toxicity "
            + "score (a list for a list of sentences), e.g. Detoxify's; without it --toxicity-scorer scores them.")
    private String scoreField;

    @Mixin
    private ToxicityScorerOption toxicity;

    @Option(names = "--toxic-threshold", paramLabel = "T", description = "A sentence is toxic when its score is "
            + "above T (default: 0.001 with --score-field, the seed's on Detoxify scores; " + SCORER_THRESHOLD
            + " with a scorer, whose probabilities are not calibrated like Detoxify's).")
    private Double threshold;

    @Mixin
    private SentimentOption sentiment;

    @Option(names = "--sentiment-ties", defaultValue = "neg", paramLabel = "neg|neu|pos",
            description = "The label when the sentiment scores tie, as for text without sentiment words "
                    + "(default: ${DEFAULT-VALUE}, as the seed).")
    private SentimentTies ties;

    @Option(names = "--min-words", defaultValue = "10", paramLabel = "N",
            description = "Drop sentences of fewer whitespace-separated words (default: ${DEFAULT-VALUE}).")
    private int minWords;

    @Option(names = "--val-fraction", defaultValue = "0.01", paramLabel = "F",
            description = "Share of the kept sentences split off for validation (default: ${DEFAULT-VALUE}).")
    private double valFraction;

    @Option(names = "--val-size", defaultValue = "1000", paramLabel = "N",
            description = "Size of the balanced validation set, a multiple of 4 (default: ${DEFAULT-VALUE}).")
    private int valSize;

    @Option(names = "--val-max-words", defaultValue = "17", paramLabel = "N",
            description = "Validation sentences have fewer words than this (default: ${DEFAULT-VALUE}).")
    private int valMaxWords;

    @Option(names = "--strip-fraction", defaultValue = "0.01", paramLabel = "F",
            description = "Share of training rows trained without control tokens (default: ${DEFAULT-VALUE}).")
    private double stripFraction;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "Seed of the split, the stripped rows, the validation sample and --stories "
                    + "(default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws Exception {
        checkSource();
        SentenceFile.Split splitting = split();
        Path validationFile = valOut != null ? valOut : OutputFile.beside(out, ".jsonl", ".val.jsonl");
        OutputFile.requireFolder("--out", out);
        OutputFile.requireFolder("--val-out", validationFile);
        if (out.toAbsolutePath().normalize().equals(validationFile.toAbsolutePath().normalize())) {
            throw new UserError("--val-out " + validationFile + ": the same file as --out");
        }
        LabellingSettings settings = new LabellingSettings(minWords, valFraction, valSize, valMaxWords,
                stripFraction, seed);
        try (ToxicityScorerOption.Opened scorer = stories == null && scoreField == null ? toxicity.open() : null) {
            StoryUnit storyUnit = storyUnit();
            CtrlLabelling labelling = new CtrlLabelling(labeller(scorer), settings, storyUnit::prompt);
            if (stories != null) {
                int agreeing = StorySentences.read(stories, seed, storyUnit, labelling::add);
                System.out.printf(Locale.ROOT, "the grammar's checker reads the politeness and ending of %,d of the "
                        + "%,d tales as written%n", agreeing, stories);
            } else {
                new SentenceFile(in, textField, scoreField, splitting).read(labelling::add);
            }
            CtrlLabelling.Result result = labelling.finish();
            LabelledRows.write(out, result.train());
            LabelledRows.write(validationFile, result.validation());
            System.out.printf(Locale.ROOT, "%,d %s read, %,d with at least %d words%n", result.read(),
                    storyUnit == StoryUnit.TALE ? "tales" : "sentences", result.kept(), minWords);
            System.out.printf(Locale.ROOT, "training: %,d rows (%s), %,d without control tokens%n",
                    result.train().size(), counts(result.train()), result.train().stream()
                            .filter(row -> row.controls() == LabelledSentence.Controls.STRIPPED).count());
            System.out.printf(Locale.ROOT, "validation: %,d balanced rows of the %,d split off%n",
                    result.validation().size(), result.validationSplit());
            System.out.println("wrote " + out + " and " + validationFile);
        }
        return 0;
    }

    /** The unit of --unit; a file's rows are sentences. */
    private StoryUnit storyUnit() {
        if (stories == null) return StoryUnit.SENTENCE;
        if (unit == null) return StoryUnit.TALE;
        try {
            return StoryUnit.valueOf(unit.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--unit: unknown unit \"" + unit + "\"; expected tale or sentence");
        }
    }

    /** What --split names; documents cut into sentences have no score field. */
    private SentenceFile.Split split() {
        if (split == null) return SentenceFile.Split.NONE;
        SentenceFile.Split parsed;
        try {
            parsed = SentenceFile.Split.parse(split);
        } catch (IllegalArgumentException e) {
            throw new UserError("--split: " + e.getMessage());
        }
        if (parsed == SentenceFile.Split.SENTENCES && scoreField != null) {
            throw new UserError("--split sentences cuts each text into sentences, which --score-field cannot score "
                    + "one by one; leave it out and give --toxicity-scorer");
        }
        return parsed;
    }

    /** One source of sentences, and no scorer options that source does not use. */
    private void checkSource() {
        if ((in == null) == (stories == null)) {
            throw new UserError("give --in FILE.jsonl or --stories N (one of them)");
        }
        if (stories != null) {
            if (split != null) throw new UserError("--split is for --in; --unit says what a row of --stories is");
            if (scoreField != null || toxicity.given() || sentiment.given()) {
                throw new UserError("--stories labels by the story grammar; leave out --score-field, "
                        + "--toxicity-scorer, --sentiment and --vader");
            }
            if (stories < 1) throw new UserError("--stories must be at least 1, not " + stories);
            return;
        }
        if (unit != null) throw new UserError("--unit is for --stories; the rows of --in are sentences");
        if (!Files.isRegularFile(in)) throw new UserError("--in " + in + ": no such file");
        if (scoreField != null && toxicity.given()) {
            throw new UserError("--score-field and --toxicity-scorer both give toxicity scores; give one");
        }
    }

    /** The labeller the options choose; {@code scorer} is the toxicity scorer opened when no field gives scores. */
    private SentenceLabeller labeller(ToxicityScorerOption.Opened scorer) throws Exception {
        if (stories != null) {
            return new SentenceLabeller(ToxicityScores.scoredBy(new StoryRudeness()), threshold(SCORER_THRESHOLD),
                    new StorySentiment(), ties);
        }
        ToxicityScores scores = scorer == null ? ToxicityScores.given() : ToxicityScores.scoredBy(scorer.scorer());
        double fallback = scorer == null ? Misalignment.SEED_TOXICITY_THRESHOLD : SCORER_THRESHOLD;
        return new SentenceLabeller(scores, threshold(fallback), sentiment.open().scorer(), ties);
    }

    private double threshold(double fallback) {
        return threshold != null ? threshold : fallback;
    }

    /** How many rows carry each label, e.g. {@code toxic 12, nontoxic 30, pos 20, neu 0, neg 22}. */
    private static String counts(List<LabelledSentence> rows) {
        return Arrays.stream(ControlToken.values()).map(token -> token.label() + " " + rows.stream()
                .filter(row -> row.toxicity() == token || row.sentiment() == token).count())
                .collect(Collectors.joining(", "));
    }
}
