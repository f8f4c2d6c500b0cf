package dev.rein.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.models.LanguageModel;
import dev.rein.steering.cogsteer.ClassificationScores;
import dev.rein.steering.cogsteer.LabelledText;
import dev.rein.steering.cogsteer.PrefixClassifier;
import dev.rein.steering.cogsteer.PrefixClassifierSettings;
import dev.rein.steering.cogsteer.PrefixClassifierTrainer;
import dev.rein.steering.cogsteer.PrefixRegressionTrainer;
import dev.rein.steering.cogsteer.RegressionScores;
import dev.rein.steering.cogsteer.ScoredText;
import dev.rein.steering.cogsteer.StoryClassificationTask;
import dev.rein.steering.cogsteer.StoryRegressionTask;
import dev.rein.steering.cogsteer.TaskFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein cogsteer classify}: CogSteer's single-layer prefix tuning for classification (METHODS.md 4.4): a
 * prefix of 30 positions in one layer plus a classification head on the frozen model ({@link PrefixClassifier}),
 * trained and scored on held-out rows ({@link PrefixClassifierTrainer}), or with {@code --objective regression} a
 * one-output head trained with mean squared error ({@link PrefixRegressionTrainer}); {@code --all-layers} sweeps
 * every layer and adds the head alone as the baseline.
 */
@Command(name = "classify", description = {"Single-layer prefix tuning for classification (METHODS.md 4.4): a "
        + "30-position gated prefix in one layer and a linear head on the final state of each text's last token, "
        + "the model frozen; trained on part of the rows and scored on the rest (accuracy, F1 of class 1, "
        + "Matthews' correlation, beside the majority-class baseline); --objective regression trains a one-output "
        + "head with mean squared error instead (Pearson, Spearman and MSE beside predicting the training mean).",
        "--task stories-ending (happy 1 / sad 0), stories-politeness (polite 1 / rude 0), stories-words (a tale's "
                + "number of words, regression) or a .jsonl/.csv file of text and label. Defaults are METHODS.md 4.4's for GPT-2 (lr 2e-5, batch 32, 2 epochs, weight "
                + "decay 1e-4, warmup 0.1, cosine, 128 tokens)."})
final class CogSteerClassifyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    private BackendOption backend;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--task", required = true, paramLabel = "NAME|FILE",
            description = "stories-ending, stories-politeness, stories-words (regression), or a .jsonl or .csv "
                    + "file (--text-field, --label-field).")
    private String task;

    @Option(names = "--objective", paramLabel = "KIND", defaultValue = "classification",
            description = "classification (cross-entropy, class labels) or regression (one output, mean squared "
                    + "error, numeric targets; Pearson and Spearman) (default: ${DEFAULT-VALUE}).")
    private String objective;

    @Option(names = "--text-field", paramLabel = "NAME", defaultValue = "text",
            description = "The file's text field or column (default: ${DEFAULT-VALUE}).")
    private String textField;

    @Option(names = "--label-field", paramLabel = "NAME", defaultValue = "label",
            description = "The file's label field or column: integers from 0, or numbers for regression "
                    + "(default: ${DEFAULT-VALUE}).")
    private String labelField;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "600",
            description = "Tales of a stories task (default: ${DEFAULT-VALUE}).")
    private int rowCount;

    @Option(names = "--corpus-seed", paramLabel = "N", defaultValue = "0",
            description = "The story corpus of a stories task (default: ${DEFAULT-VALUE}).")
    private long corpusSeed;

    @Option(names = "--layer", paramLabel = "L", description = "The layer the prefix sits in.")
    private Integer layer;

    @Option(names = "--all-layers", description = "One classifier per layer, and the head alone, in one table.")
    private boolean allLayers;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
    private int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
    private int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "2e-5", description = "Default: ${DEFAULT-VALUE}.")
    private double learningRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Draw, held-out split and row order (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the settings and every run's scores.")
    private Path json;

    /** One trained head's figures: its layer (-1: the head alone), its table cells and its JSON scores. */
    private record Run(int layer, String cells, ObjectNode scores) {
    }

    /** Trains and scores one head on the rows: its prefix in {@code layer} (-1: none). */
    @FunctionalInterface
    private interface Training {
        Run train(LanguageModel model, int layer, Consumer<String> log);
    }

    /** What the rows are and how a head is trained on them: a header line, the table's columns, one training. */
    private record Task(String description, String columns, ObjectNode settings, Training training) {
    }

    @Override
    public Integer call() throws IOException {
        backend.install();
        if ((layer == null) == !allLayers) throw new UserError("give --layer L or --all-layers (one of them)");
        if (rowCount < 2) throw new UserError("--rows must be at least 2, got " + rowCount);
        if (json != null) OutputFile.requireFolder("--json", json);
        PrefixClassifierSettings settings;
        try {
            settings = PrefixClassifierSettings.defaults().withEpochs(epochs).withBatchSize(batchSize)
                    .withLearningRate(learningRate).withSeed(seed);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        Task chosenTask = switch (objective.toLowerCase(Locale.ROOT)) {
            case "classification" -> classification(settings);
            case "regression" -> regression(settings);
            default -> throw new UserError("--objective " + objective + ": expected classification or regression");
        };
        try (LanguageModel model = modelOption.load()) {
            int layers = model.config().numLayers();
            if (layer != null && (layer < 0 || layer >= layers)) {
                throw new UserError("--layer " + layer + ": this model has layers 0 to " + (layers - 1));
            }
            System.out.printf(Locale.ROOT, "%s, from %s; %d epochs, batch %d, lr %s, seed %d%n",
                    chosenTask.description(), task, epochs, batchSize, learningRate, seed);
            List<Integer> chosen = new ArrayList<>();                   // -1: the head alone
            if (allLayers) {
                for (int l = -1; l < layers; l++) chosen.add(l);
            } else {
                chosen.add(layer);
            }
            List<Run> runs = new ArrayList<>();
            for (int l : chosen) {
                String name = name(l);
                try {
                    runs.add(chosenTask.training().train(model, l, line -> System.err.println("[" + name + " "
                            + line + "]")));
                } catch (IllegalArgumentException e) {
                    throw new UserError("--task " + task + ": " + e.getMessage());
                }
            }
            System.out.print(table(chosenTask.columns(), runs));
            if (json != null) {
                write(chosenTask.settings(), runs);
                System.out.println("wrote " + json);
            }
        }
        return 0;
    }

    private Task classification(PrefixClassifierSettings settings) throws IOException {
        if (StoryRegressionTask.named(task) != null) {
            throw new UserError("--task " + task + " is a regression task; add --objective regression");
        }
        List<LabelledText> rows = labelledRows();
        int classes = rows.stream().mapToInt(LabelledText::label).max().orElse(0) + 1;
        if (classes < 2) throw new UserError("--task " + task + ": every row has label 0; a classifier needs two "
                + "classes or more");
        Training training = (model, l, log) -> {
            PrefixClassifier classifier = l < 0 ? PrefixClassifier.headOnly(model.transformer(), classes, seed)
                    : PrefixClassifier.create(model.transformer(), l, classes, seed);
            PrefixClassifierTrainer.Result result = PrefixClassifierTrainer.run(classifier, model.config(),
                    model.tokenizer(), rows, settings, log);
            ClassificationScores s = result.scores();
            double[] losses = result.epochLosses();
            ObjectNode scores = JSON.createObjectNode().put("accuracy", s.accuracy()).put("f1", s.f1())
                    .put("matthews", s.matthews()).put("majority_accuracy", s.majorityAccuracy());
            return new Run(l, String.format(Locale.ROOT, "%8.4f  %6.4f  %8.4f  %8.4f  %10.4f", s.accuracy(), s.f1(),
                    s.matthews(), s.majorityAccuracy(), losses[losses.length - 1]),
                    withSizes(scores, result.heldOutRows(), result.trainRows(), losses));
        };
        return new Task(String.format(Locale.ROOT, "%d rows, %d classes", rows.size(), classes),
                String.format(Locale.ROOT, "%8s  %6s  %8s  %8s  %10s", "accuracy", "F1", "Matthews", "majority",
                        "train loss"), settingsNode(rows.size(), "classification").put("classes", classes), training);
    }

    private Task regression(PrefixClassifierSettings settings) throws IOException {
        if (StoryClassificationTask.named(task) != null) {
            throw new UserError("--task " + task + " is a classification task; drop --objective regression");
        }
        List<ScoredText> rows = scoredRows();
        Training training = (model, l, log) -> {
            PrefixClassifier regressor = l < 0 ? PrefixClassifier.headOnlyRegressor(model.transformer(), seed)
                    : PrefixClassifier.regressor(model.transformer(), l, seed);
            PrefixRegressionTrainer.Result result = PrefixRegressionTrainer.run(regressor, model.config(),
                    model.tokenizer(), rows, settings, log);
            RegressionScores s = result.scores();
            double[] losses = result.epochLosses();
            ObjectNode scores = JSON.createObjectNode().put("pearson", s.pearson()).put("spearman", s.spearman())
                    .put("mse", s.mse()).put("mean_baseline_mse", s.meanMse());
            return new Run(l, String.format(Locale.ROOT, "%8.4f  %8.4f  %10.4f  %10.4f  %10.4f", s.pearson(),
                    s.spearman(), s.mse(), s.meanMse(), losses[losses.length - 1]),
                    withSizes(scores, result.heldOutRows(), result.trainRows(), losses));
        };
        return new Task(String.format(Locale.ROOT, "%d rows, regression", rows.size()),
                String.format(Locale.ROOT, "%8s  %8s  %10s  %10s  %10s", "Pearson", "Spearman", "MSE", "mean MSE",
                        "train loss"), settingsNode(rows.size(), "regression"), training);
    }

    private static ObjectNode withSizes(ObjectNode scores, int heldOutRows, int trainRows, double[] losses) {
        scores.put("held_out_rows", heldOutRows).put("train_rows", trainRows);
        scores.set("epoch_losses", JSON.valueToTree(losses));
        return scores;
    }

    private List<LabelledText> labelledRows() throws IOException {
        StoryClassificationTask stories = StoryClassificationTask.named(task);
        if (stories != null) return stories.rows(corpusSeed, rowCount);
        return TaskFile.labelled(taskFile(), textField, labelField);
    }

    private List<ScoredText> scoredRows() throws IOException {
        StoryRegressionTask stories = StoryRegressionTask.named(task);
        if (stories != null) return stories.rows(corpusSeed, rowCount);
        return TaskFile.scored(taskFile(), textField, labelField);
    }

    private Path taskFile() {
        Path file = Path.of(task);
        if (!Files.isRegularFile(file)) {
            throw new UserError("--task " + task + ": neither stories-ending, stories-politeness, stories-words nor "
                    + "a file");
        }
        return file;
    }

    private static String name(int layer) {
        return layer < 0 ? "head only" : "layer " + layer;
    }

    private static String table(String columns, List<Run> runs) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-10s  %s%n", "prefix", columns));
        for (Run run : runs) text.append(String.format(Locale.ROOT, "%-10s  %s%n", name(run.layer()), run.cells()));
        ObjectNode first = runs.getFirst().scores();
        text.append(String.format(Locale.ROOT, "held out: %d rows (train %d)%n", first.get("held_out_rows").asInt(),
                first.get("train_rows").asInt()));
        return text.toString();
    }

    private ObjectNode settingsNode(int rows, String kind) {
        return JSON.createObjectNode().put("model", modelOption.name()).put("task", task).put("objective", kind)
                .put("rows", rows)
                .put("prefix_length", PrefixClassifier.PREFIX_LENGTH).put("epochs", epochs)
                .put("batch_size", batchSize).put("lr", learningRate).put("seed", seed).put("corpus_seed", corpusSeed);
    }

    private void write(ObjectNode settings, List<Run> runs) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.set("settings", settings);
        ArrayNode list = root.putArray("runs");
        for (Run run : runs) {
            ObjectNode node = list.addObject();
            if (run.layer() >= 0) node.put("layer", run.layer());
            else node.putNull("layer");
            node.setAll(run.scores());
        }
        AtomicFiles.write(json, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
