package dev.rein.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.models.LanguageModel;
import dev.rein.steering.cogsteer.ClassificationScores;
import dev.rein.steering.cogsteer.LabelledText;
import dev.rein.steering.cogsteer.LabelledTextFile;
import dev.rein.steering.cogsteer.PrefixClassifier;
import dev.rein.steering.cogsteer.PrefixClassifierSettings;
import dev.rein.steering.cogsteer.PrefixClassifierTrainer;
import dev.rein.steering.cogsteer.StoryClassificationTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein cogsteer classify}: CogSteer's single-layer prefix tuning for classification (METHODS.md 4.4): a
 * prefix of 30 positions in one layer plus a classification head on the frozen model ({@link PrefixClassifier}),
 * trained and scored on held-out rows ({@link PrefixClassifierTrainer}); {@code --all-layers} sweeps every layer
 * and adds the head alone as the baseline.
 */
@Command(name = "classify", description = {"Single-layer prefix tuning for classification (METHODS.md 4.4): a "
        + "30-position gated prefix in one layer and a linear head on the final state of each text's last token, "
        + "the model frozen; trained on part of the rows and scored on the rest (accuracy, F1 of class 1, "
        + "Matthews' correlation, beside the majority-class baseline).",
        "--task stories-ending (happy 1 / sad 0), stories-politeness (polite 1 / rude 0) or a .jsonl/.csv file of "
                + "text and label. Defaults are METHODS.md 4.4's for GPT-2 (lr 2e-5, batch 32, 2 epochs, weight "
                + "decay 1e-4, warmup 0.1, cosine, 128 tokens)."})
final class CogSteerClassifyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    private BackendOption backend;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--task", required = true, paramLabel = "NAME|FILE",
            description = "stories-ending, stories-politeness, or a .jsonl or .csv file (--text-field, --label-field).")
    private String task;

    @Option(names = "--text-field", paramLabel = "NAME", defaultValue = "text",
            description = "The file's text field or column (default: ${DEFAULT-VALUE}).")
    private String textField;

    @Option(names = "--label-field", paramLabel = "NAME", defaultValue = "label",
            description = "The file's label field or column, integers from 0 (default: ${DEFAULT-VALUE}).")
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

    /** One trained classifier's figures. */
    private record Run(int layer, PrefixClassifierTrainer.Result result) {
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
        List<LabelledText> rows = rows();
        int classes = rows.stream().mapToInt(LabelledText::label).max().orElse(0) + 1;
        if (classes < 2) throw new UserError("--task " + task + ": every row has label 0; a classifier needs two "
                + "classes or more");
        try (LanguageModel model = modelOption.load()) {
            int layers = model.config().numLayers();
            if (layer != null && (layer < 0 || layer >= layers)) {
                throw new UserError("--layer " + layer + ": this model has layers 0 to " + (layers - 1));
            }
            System.out.printf(Locale.ROOT, "%d rows, %d classes, from %s; %d epochs, batch %d, lr %s, seed %d%n",
                    rows.size(), classes, task, epochs, batchSize, learningRate, seed);
            List<Integer> chosen = new ArrayList<>();                   // -1: the head alone
            if (allLayers) {
                for (int l = -1; l < layers; l++) chosen.add(l);
            } else {
                chosen.add(layer);
            }
            List<Run> runs = new ArrayList<>();
            for (int l : chosen) {
                PrefixClassifier classifier = l < 0 ? PrefixClassifier.headOnly(model.transformer(), classes, seed)
                        : PrefixClassifier.create(model.transformer(), l, classes, seed);
                String name = name(l);
                PrefixClassifierTrainer.Result result;
                try {
                    result = PrefixClassifierTrainer.run(classifier, model.config(), model.tokenizer(), rows,
                            settings, line -> System.err.println("[" + name + " " + line + "]"));
                } catch (IllegalArgumentException e) {
                    throw new UserError("--task " + task + ": " + e.getMessage());
                }
                runs.add(new Run(l, result));
            }
            System.out.print(table(runs));
            if (json != null) {
                write(runs, rows.size(), classes);
                System.out.println("wrote " + json);
            }
        }
        return 0;
    }

    private List<LabelledText> rows() throws IOException {
        StoryClassificationTask stories = StoryClassificationTask.named(task);
        if (stories != null) return stories.rows(corpusSeed, rowCount);
        Path file = Path.of(task);
        if (!Files.isRegularFile(file)) {
            throw new UserError("--task " + task + ": neither stories-ending, stories-politeness nor a file");
        }
        return LabelledTextFile.read(file, textField, labelField);
    }

    private static String name(int layer) {
        return layer < 0 ? "head only" : "layer " + layer;
    }

    private static String table(List<Run> runs) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-10s  %8s  %6s  %8s  %8s  %10s%n",
                "prefix", "accuracy", "F1", "Matthews", "majority", "train loss"));
        for (Run run : runs) {
            ClassificationScores s = run.result().scores();
            double[] losses = run.result().epochLosses();
            text.append(String.format(Locale.ROOT, "%-10s  %8.4f  %6.4f  %8.4f  %8.4f  %10.4f%n", name(run.layer()),
                    s.accuracy(), s.f1(), s.matthews(), s.majorityAccuracy(), losses[losses.length - 1]));
        }
        ClassificationScores first = runs.getFirst().result().scores();
        text.append(String.format(Locale.ROOT, "held out: %d rows (train %d)%n", first.rows(),
                runs.getFirst().result().trainRows()));
        return text.toString();
    }

    private void write(List<Run> runs, int rows, int classes) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("settings").put("model", modelOption.name()).put("task", task).put("rows", rows)
                .put("classes", classes).put("prefix_length", PrefixClassifier.PREFIX_LENGTH).put("epochs", epochs)
                .put("batch_size", batchSize).put("lr", learningRate).put("seed", seed)
                .put("corpus_seed", corpusSeed);
        ArrayNode list = root.putArray("runs");
        for (Run run : runs) {
            ClassificationScores s = run.result().scores();
            ObjectNode node = list.addObject();
            if (run.layer() >= 0) node.put("layer", run.layer());
            else node.putNull("layer");
            node.put("accuracy", s.accuracy()).put("f1", s.f1()).put("matthews", s.matthews())
                    .put("majority_accuracy", s.majorityAccuracy()).put("held_out_rows", s.rows())
                    .put("train_rows", run.result().trainRows());
            node.set("epoch_losses", JSON.valueToTree(run.result().epochLosses()));
        }
        AtomicFiles.write(json, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
