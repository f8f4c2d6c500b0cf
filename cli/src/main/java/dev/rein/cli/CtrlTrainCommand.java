package dev.rein.cli;

import dev.rein.steering.ctrl.Condition;
import dev.rein.steering.ctrl.ControlTokenTrainer;
import dev.rein.steering.ctrl.ControlTokenTrainingSettings;
import dev.rein.steering.ctrl.ControlToken;
import dev.rein.steering.ctrl.StartingPoint;
import dev.rein.training.trainer.TrainingSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein ctrl train}: trains a model on labelled JSONL with control tokens in front of each sentence
 * ({@link ControlTokenTrainer}). The labelled file is read and checked before anything is written.
 */
@Command(name = "train", description = {"Train with control tokens: every sentence of --data (labelled JSONL "
        + "{text, toxicity, sentiment, strip}) becomes [BOS] + its control tokens (--condition) + the sentence + EOS, "
        + "and the model learns all of it. The model starts as --model with [PAD] <|nontoxic|> <|toxic|> <|pos|> "
        + "<|neu|> <|neg|> added (new embedding rows the mean of the old), or random weights for "
        + "--from-scratch. Defaults are the seed's (AdamW 5e-4, weight decay 0.1, cosine, warmup ratio 0.01, "
        + "64 x 8 sequences of at most 64 tokens, 1 epoch).",
        "Writes OUT/init (the starting model), OUT/metrics.jsonl, resumable checkpoints OUT/checkpoint-<step> and "
                + "the trained model OUT/final with " + ControlTokenTrainer.RECORD_FILE + ". A killed run "
                + "continues with --resume."})
final class CtrlTrainCommand implements Callable<Integer> {
    @Mixin
    private BackendOption backend;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--from-scratch", paramLabel = "CONFIG.json",
            description = "Start from seeded random weights for this config.json (as the seed's code did), with the "
                    + "tokenizer of --tokenizer or --model; vocab_size grows to cover the tokenizer.")
    private Path fromScratch;

    @Option(names = "--tokenizer", paramLabel = "DIR_OR_FILE",
            description = "With --from-scratch: the tokenizer folder or tokenizer.json (default: --model's).")
    private Path tokenizerPath;

    @Option(names = "--data", required = true, paramLabel = "FILE.jsonl",
            description = "Labelled sentences, one JSON object a line: text, toxicity (toxic|nontoxic), sentiment "
                    + "(pos|neu|neg), optional strip (true: no control tokens); other fields are ignored.")
    private Path data;

    @Option(names = "--condition", required = true, paramLabel = "NAME",
            description = "The control tokens in front of each sentence: none, toxicity, sentiment or both "
                    + "(toxicity token, then sentiment token).")
    private String condition;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder (empty unless --resume).")
    private Path out;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "64",
            description = "The longest sequence, control tokens and EOS included; longer sentences are dropped and "
                    + "counted, as the seed drops them (default: ${DEFAULT-VALUE}).")
    private int maxTokens;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64",
            description = "Sequences per micro-batch (default: ${DEFAULT-VALUE}, the seed's; try 8 on a CPU).")
    private int batchSize;

    @Option(names = {"--grad-accum", "--accumulate"}, paramLabel = "K", defaultValue = "8",
            description = "Micro-batches per optimizer step (default: ${DEFAULT-VALUE}, the seed's; try 1 on a CPU).")
    private int accumulate;

    @ArgGroup(exclusive = true, heading = "How long (one of; default: 1 epoch):%n")
    private TrainingLength length = new TrainingLength();

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "5e-4",
            description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--weight-decay", paramLabel = "W", defaultValue = "0.1",
            description = "AdamW's weight decay of matrices (default: ${DEFAULT-VALUE}).")
    private double weightDecay;

    @Option(names = "--warmup-ratio", paramLabel = "R", defaultValue = "0.01",
            description = "Fraction of the steps the learning rate warms up over, then a cosine to 0 (default: "
                    + "${DEFAULT-VALUE}).")
    private double warmupRatio;

    @Option(names = "--clip", paramLabel = "NORM", defaultValue = "1.0",
            description = "Clip the gradients' global norm to NORM; 0: off (default: ${DEFAULT-VALUE}).")
    private double clip;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the data order and of --from-scratch's weights (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Mixin
    private CheckpointOptions checkpoints;

    @Mixin
    private ProgressOption progress;

    @Override
    public Integer call() throws IOException {
        backend.install();
        Condition parsed = Condition.parse(condition);
        ControlTokenTrainingSettings settings = settings(parsed);
        checkArguments();
        StartingPoint start = startingPoint();
        ControlTokenTrainer trainer = new ControlTokenTrainer(settings, System.out::println);
        ControlTokenTrainer.Result result = checkpoints.resume ? trainer.resume(start, data, out) : trainer.train(start, data, out);
        report(result);
        return 0;
    }

    private ControlTokenTrainingSettings settings(Condition parsed) {
        if (maxTokens < 2 || batchSize < 1 || accumulate < 1
                || (length.steps != null ? length.steps < 1 : length.epochs < 1)) {
            throw new UserError("--batch-size, --grad-accum, --steps and --epochs must be at least 1, "
                    + "--max-tokens at least 2");
        }
        ControlTokenTrainingSettings settings = ControlTokenTrainingSettings.defaults(parsed)
                .withEpochs(length.epochs).withBatchSize(batchSize).withAccumulation(accumulate)
                .withLearningRate(learningRate).withWeightDecay(weightDecay).withWarmupRatio(warmupRatio)
                .withClipNorm(clip).withMaxTokens(maxTokens).withSeed(seed)
                .withCheckpoints(checkpoints.saveEvery, checkpoints.keep);
        if (length.steps != null) {
            settings = settings.withSteps(length.steps);
        }
        return progress.noProgress ? settings : settings.withProgressBar();
    }

    private void checkArguments() throws IOException {
        if (!Files.isRegularFile(data)) {
            throw new UserError("--data " + data + ": no such file");
        }
        if (fromScratch != null && !Files.isRegularFile(fromScratch)) {
            throw new UserError("--from-scratch " + fromScratch + ": no such file");
        }
        if (tokenizerPath != null && fromScratch == null) {
            throw new UserError("--tokenizer goes with --from-scratch; a pretrained --model brings its own tokenizer");
        }
        if (tokenizerPath != null && !Files.exists(tokenizerPath)) {
            throw new UserError("--tokenizer " + tokenizerPath + ": no such file or folder");
        }
        checkpoints.check(out);
        OutputFile.requireFolder("--out", out);
    }

    /** --from-scratch with its tokenizer, else the pretrained --model folder. */
    private StartingPoint startingPoint() throws IOException {
        if (fromScratch != null) {
            return new StartingPoint.FromScratch(fromScratch, tokenizerPath != null ? tokenizerPath
                    : modelOption.resolve());
        }
        Path model = modelOption.resolve();
        if (!Files.isDirectory(model)) {
            throw new UserError("--model " + modelOption.name() + ": control-token training needs a Hugging Face "
                    + "model folder (config.json, model.safetensors, tokenizer.json)");
        }
        return new StartingPoint.Pretrained(model);
    }

    private void report(ControlTokenTrainer.Result result) {
        TrainingSummary summary = result.summary();
        if (summary.last() == null) {
            System.out.println("already trained for " + summary.steps() + " steps");
        } else {
            System.out.printf(Locale.ROOT, "step %d: loss %.4f%s%n", summary.steps(), summary.last().loss(),
                    summary.resumedFrom() > 0 ? " (resumed from step " + summary.resumedFrom() + ")" : "");
        }
        System.out.println("model written to " + result.model() + " (its tokenizer has "
                + String.join(" ", ControlToken.added()) + ")");
    }
}
