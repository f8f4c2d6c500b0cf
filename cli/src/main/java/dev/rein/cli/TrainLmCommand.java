package dev.rein.cli;

import dev.rein.data.lm.ChatCorpus;
import dev.rein.data.lm.ChatExamples;
import dev.rein.data.lm.HeldOut;
import dev.rein.data.lm.LmExample;
import dev.rein.data.lm.LmExamples;
import dev.rein.data.lm.ResponseTemplate;
import dev.rein.data.lm.RowBatches;
import dev.rein.data.lm.RowOrder;
import dev.rein.data.lm.TextCorpus;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.init.RandomCheckpoint;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.models.LanguageModel;
import dev.rein.models.ModelReference;
import dev.rein.tensor.DType;
import dev.rein.text.chat.ChatTemplateLoader;
import dev.rein.text.tokenizer.Tokenizer;
import dev.rein.training.checkpoints.ModelFolder;
import dev.rein.training.freezing.TrainableParameters;
import dev.rein.training.freezing.TrainableSelection;
import dev.rein.training.optim.LearningRateSchedule;
import dev.rein.training.optim.LearningRateSchedules;
import dev.rein.training.optim.NamedParameter;
import dev.rein.training.trainer.CausalLmTrainer;
import dev.rein.training.trainer.TrainingConfig;
import dev.rein.training.trainer.TrainingOutput;
import dev.rein.training.trainer.TrainingSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein train lm}: trains a causal language model on a text corpus, fine-tuning a model folder or starting
 * from seeded random weights for a config.json. Data is read, tokenised and batched by the data module
 * ({@link TextCorpus}, {@link RowBatches}); the loop, checkpoints and resuming are {@link CausalLmTrainer}'s.
 */
@Command(name = "lm", description = {"Train or fine-tune a causal language model on a text corpus: --model (the "
        + "embedded default model when neither --model nor --init-config is given) or random weights for "
        + "--init-config.",
        "Writes OUT/metrics.jsonl (a line per step), resumable checkpoints OUT/checkpoint-<step> and the trained "
                + "model OUT/final (a Hugging Face model folder). A killed run continues with --resume."})
final class TrainLmCommand implements Callable<Integer> {
    @Mixin
    private BackendOption backend;

    /** The folder a run from scratch writes its random initial model into. */
    static final String INITIAL_MODEL = "init";

    @ArgGroup(exclusive = true, heading = "The model (one of; default: --model default):%n")
    private ModelChoice model;

    static final class ModelChoice {
        @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
                description = "The model to fine-tune. " + ModelOption.DESCRIPTION + " A llama2.c .bin needs "
                        + "--tokenizer.")
        private String reference;

        @Option(names = "--init-config", required = true, paramLabel = "CONFIG.json",
                description = "Train from scratch: seeded random weights for this config (needs --tokenizer), "
                        + "written to OUT/" + INITIAL_MODEL + " first.")
        private Path initConfig;
    }

    @Option(names = "--tokenizer", paramLabel = "DIR_OR_FILE",
            description = "Tokenizer folder or tokenizer.json (default: the model's).")
    private Path tokenizerPath;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Training text: a .jsonl file (one document per row) or plain text.")
    private Path data;

    @Option(names = "--text-field", paramLabel = "NAME", defaultValue = "text",
            description = "The field of a .jsonl row that holds its text (default: ${DEFAULT-VALUE}).")
    private String textField;

    @Option(names = "--split-by", paramLabel = "UNIT", defaultValue = "line",
            description = "How plain text splits into documents: line, paragraph or document (default: ${DEFAULT-VALUE}).")
    private TextCorpus.Split splitBy;

    @Option(names = "--chat", description = "The .jsonl rows are conversations; train on the assistant replies only, "
            + "rendered by the model's chat template.")
    private boolean chat;

    @Option(names = "--response-template", paramLabel = "TEXT",
            description = "Train only on what follows TEXT in each document (e.g. \"### Response:\").")
    private String responseTemplate;

    @Option(names = "--layout", paramLabel = "KIND", defaultValue = "packed",
            description = "packed: documents joined with EOS and cut into --seq-len blocks; padded: one document per "
                    + "row, cut to --seq-len (default: ${DEFAULT-VALUE}).")
    private RowBatches.Layout layout;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (empty unless --resume).")
    private Path out;

    @Option(names = "--seq-len", paramLabel = "N", defaultValue = "256", description = "Tokens per row (default: ${DEFAULT-VALUE}).")
    private int seqLen;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "8", description = "Rows per micro-batch (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--accumulate", paramLabel = "K", defaultValue = "1",
            description = "Micro-batches per optimizer step (default: ${DEFAULT-VALUE}).")
    private int accumulate;

    @ArgGroup(exclusive = true, heading = "How long (one of; default: 1 epoch):%n")
    private TrainingLength length = new TrainingLength();

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "5e-5", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--schedule", paramLabel = "SPEC", defaultValue = "linear",
            description = "constant, linear or cosine, with options, e.g. cosine:warmup=100,min=0.1 or "
                    + "linear:warmup=0.05 (default: ${DEFAULT-VALUE}).")
    private String schedule;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adamw",
            description = "sgd, adam, adamw or laprop, with torch's defaults (default: ${DEFAULT-VALUE}).")
    private OptimizerChoice optimizer;

    @Option(names = "--weight-decay", paramLabel = "W", defaultValue = "0", description = "Weight decay (default: ${DEFAULT-VALUE}).")
    private double weightDecay;

    @Option(names = "--clip", paramLabel = "NORM", defaultValue = "1.0",
            description = "Clip the gradients' global norm to NORM; 0: off (default: ${DEFAULT-VALUE}).")
    private double clip;

    @ArgGroup(exclusive = true, heading = "Held-out data (one of; default: none):%n")
    private Evaluation evaluation;

    static final class Evaluation {
        @Option(names = "--eval-data", required = true, paramLabel = "FILE", description = "Evaluate on this file.")
        private Path file;

        @Option(names = "--eval-fraction", required = true, paramLabel = "F",
                description = "Hold out this fraction of --data's documents, chosen by --seed.")
        private Double fraction;
    }

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "0",
            description = "Evaluate every N steps, and after the last (default: after the last only).")
    private int evalEvery;

    @Mixin
    private CheckpointOptions checkpoints;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the data order, the held-out choice and random weights (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--train-only", arity = "1..*", paramLabel = "GLOB",
            description = "Train only the weights whose names match, e.g. lm_head.weight 'model.layers.*.mlp.*'; "
                    + "the rest stay frozen (default: all).")
    private List<String> trainOnly;

    @Mixin
    private ProgressOption progress;

    /** The folder or file the run starts from: the resolved --model, or OUT/init for --init-config. */
    private Path source;

    @Override
    public Integer call() throws IOException {
        backend.install();
        checkArguments();
        source = initConfig() == null ? ModelOption.resolve("--model", modelName()) : initialModel();
        TrainableSelection selection = trainOnly == null ? TrainableSelection.all() : TrainableSelection.names(trainOnly);
        try (LanguageModel loaded = LanguageModel.load(source, selection)) {
            List<NamedParameter> trainable = TrainableParameters.of(loaded.transformer().weights());
            if (trainable.isEmpty()) {
                throw new UserError("--train-only " + String.join(" ", trainOnly) + ": no weight of the model "
                        + "matches; names look like model.layers.0.mlp.up_proj.weight");
            }
            ModelConfig config = loaded.config();
            if (seqLen > config.maxPositions()) {
                throw new UserError("--seq-len " + seqLen + " is longer than the model's " + config.maxPositions()
                        + " positions");
            }
            Tokenizer tokenizer = tokenizer(loaded);
            TrainingData batches = batches(tokenizer, config);
            long steps = length.steps != null ? length.steps
                    : TrainingConfig.stepsForEpochs(length.epochs, batches.train().batchesPerEpoch(), accumulate);
            LearningRateSchedule lrSchedule = LearningRateSchedules.parse(schedule, steps);
            TrainingConfig settings = TrainingConfig.of(steps).withAccumulation(accumulate).withClipNorm(clip)
                    .withEvalEvery(evalEvery).withCheckpoints(checkpoints.saveEvery, checkpoints.keep).withSeed(seed);
            if (!progress.noProgress) settings = settings.withProgressBar();
            System.out.printf(Locale.ROOT, "model: %s, %s parameters, %s trained (%s)%n", config.modelType(),
                    CheckpointReport.count(loaded.transformer().weights().parameterCount()), CheckpointReport.count(TrainableParameters.count(trainable)),
                    selection);
            System.out.println(batches.describe());
            System.out.printf(Locale.ROOT, "training: %d steps of %d x %d rows, %s lr %s, schedule %s%n", steps,
                    accumulate, batchSize, optimizer.name().toLowerCase(Locale.ROOT), learningRate, schedule);
            CausalLmTrainer trainer = new CausalLmTrainer(loaded.transformer(),
                    optimizer.create(trainable, learningRate, weightDecay), lrSchedule, settings);
            TrainingOutput output = new TrainingOutput(out, filesFrom(source));
            TrainingSummary summary = checkpoints.resume ? trainer.resume(batches.train(), batches.eval(), output)
                    : trainer.train(batches.train(), batches.eval(), output);
            report(summary);
        }
        return 0;
    }

    private void checkArguments() throws IOException {
        positive("--seq-len", seqLen);
        positive("--batch-size", batchSize);
        positive("--accumulate", accumulate);
        positive(length.steps != null ? "--steps" : "--epochs", length.steps != null ? length.steps : length.epochs);
        if (evalEvery < 0) {
            throw new UserError("--eval-every must not be negative");
        }
        existing("--data", data);
        existing("--init-config", initConfig());
        existing("--tokenizer", tokenizerPath);
        existing("--eval-data", evaluation == null ? null : evaluation.file);
        if (initConfig() != null && tokenizerPath == null) {
            throw new UserError("--init-config needs --tokenizer: a model trained from scratch has no tokenizer yet");
        }
        if (chat && responseTemplate != null) {
            throw new UserError("--chat trains on assistant replies; --response-template is for plain text");
        }
        checkpoints.check(out);
    }

    /** Writes OUT/init with random weights and the tokenizer's files, unless a resumed run already has it. */
    private Path initialModel() throws IOException {
        Path init = out.resolve(INITIAL_MODEL);
        boolean complete = Files.isRegularFile(init.resolve(ModelConfig.FILE_NAME))
                && Files.isRegularFile(init.resolve(Checkpoint.SINGLE_FILE));
        if (!(checkpoints.resume && complete)) {
            RandomCheckpoint checkpoint = RandomCheckpoint.forConfig(initConfig());
            checkVocabulary(Tokenizer.load(tokenizerPath), checkpoint.config());
            checkpoint.write(init, seed, DType.F32);
            ModelFolder.copyTokenizerFiles(tokenizerPath, init);
        }
        return init;
    }

    private Tokenizer tokenizer(LanguageModel loaded) {
        if (tokenizerPath != null && initConfig() == null) {
            Tokenizer tokenizer = Tokenizer.load(tokenizerPath);
            checkVocabulary(tokenizer, loaded.config());
            return tokenizer;
        }
        if (!loaded.hasTokenizer()) {
            throw new UserError("--model " + modelName() + " has no " + Tokenizer.FILE_NAME
                    + "; give one with --tokenizer");
        }
        return loaded.tokenizer();
    }

    private void checkVocabulary(Tokenizer tokenizer, ModelConfig config) {
        if (tokenizer.vocabSize() > config.vocabSize()) {
            throw new UserError("--tokenizer " + tokenizerPath + ": its vocabulary (" + tokenizer.vocabSize()
                    + ") is larger than the model's (" + config.vocabSize() + ")");
        }
    }

    /** The training batches and the held-out ones, from --data and --eval-data or --eval-fraction. */
    private TrainingData batches(Tokenizer tokenizer, ModelConfig config) throws IOException {
        List<LmExample> examples = examples(data, tokenizer);
        List<LmExample> heldOut = null;
        if (evaluation != null && evaluation.fraction != null) {
            HeldOut<LmExample> split = HeldOut.split(examples, evaluation.fraction, seed);
            examples = split.train();
            heldOut = split.heldOut();
        } else if (evaluation != null) {
            heldOut = examples(evaluation.file, tokenizer);
        }
        List<Integer> eos = config.specialTokens().eos();
        if (layout == RowBatches.Layout.PACKED && eos.isEmpty()) {
            throw new UserError("the model's config names no eos_token_id, which packing puts between documents; "
                    + "use --layout padded");
        }
        int eosId = eos.isEmpty() ? 0 : eos.getFirst();
        int padId = config.specialTokens().pad().isEmpty() ? eosId : config.specialTokens().pad().getFirst();
        RowBatches train = RowBatches.of(examples, layout, seqLen, batchSize, eosId, padId,
                RowOrder.shuffled(seed));
        RowBatches eval = heldOut == null ? null
                : RowBatches.of(heldOut, layout, seqLen, batchSize, eosId, padId, RowOrder.asGiven());
        return new TrainingData(examples, train, heldOut, eval, layout, seqLen);
    }

    /** The documents of {@code file} as labelled examples. */
    private List<LmExample> examples(Path file, Tokenizer tokenizer) throws IOException {
        if (chat) {
            Path templates = tokenizerPath != null ? tokenizerPath : source;
            ChatExamples conversations = new ChatExamples(ChatTemplateLoader.load(templates), tokenizer, null);
            return ChatCorpus.read(file).stream().map(conversations::encode).toList();
        }
        ResponseTemplate template = responseTemplate == null ? null : ResponseTemplate.encode(tokenizer, responseTemplate);
        return LmExamples.fromTexts(TextCorpus.read(file, textField, splitBy), tokenizer, template);
    }

    /** The model to fine-tune as the user named it: --model, else the embedded default model. */
    private String modelName() {
        return model == null || model.reference == null ? ModelReference.DEFAULT : model.reference;
    }

    /** --init-config, or null when fine-tuning. */
    private Path initConfig() {
        return model == null ? null : model.initConfig;
    }

    /** Where the model folders written get their tokenizer files from. */
    private Path filesFrom(Path source) {
        if (Files.isRegularFile(source.resolve(Tokenizer.FILE_NAME))) {
            return source;
        }
        return tokenizerPath;
    }

    private void report(TrainingSummary summary) {
        if (summary.last() == null) {
            System.out.println("already trained for " + summary.steps() + " steps");
        } else {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "step %d: loss %.4f",
                    summary.steps(), summary.last().loss()));
            if (summary.eval() != null) {
                line.append(String.format(Locale.ROOT, ", eval loss %.4f (perplexity %.2f)", summary.eval().loss(),
                        summary.eval().perplexity()));
            }
            if (summary.resumedFrom() > 0) {
                line.append(" (resumed from step ").append(summary.resumedFrom()).append(')');
            }
            System.out.println(line);
        }
        System.out.println("model written to " + summary.finalModel());
    }

    private static void positive(String option, long value) {
        if (value < 1) {
            throw new UserError(option + " must be positive, got " + value);
        }
    }

    private static void existing(String option, Path path) {
        if (path != null && !Files.exists(path)) {
            throw new UserError(option + " " + path + ": no such file or folder");
        }
    }
}
