package dev.rein.steering.ctrl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.data.lm.RowBatches;
import dev.rein.data.lm.RowOrder;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.models.LanguageModel;
import dev.rein.text.tokenizer.Tokenizer;
import dev.rein.training.checkpoints.CheckpointStore;
import dev.rein.training.freezing.TrainableParameters;
import dev.rein.training.freezing.TrainableSelection;
import dev.rein.training.optim.AdamSettings;
import dev.rein.training.optim.AdamW;
import dev.rein.training.optim.LearningRateSchedules;
import dev.rein.training.optim.ParameterGroup;
import dev.rein.training.trainer.CausalLmTrainer;
import dev.rein.training.trainer.TrainingConfig;
import dev.rein.training.trainer.TrainingOutput;
import dev.rein.training.trainer.TrainingSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Trains a model with control tokens (METHODS.md 2): reads labelled JSONL ({@link LabelledRows}) and checks it
 * before anything is written, writes the starting model with the control tokens into {@code out/}{@value
 * #INITIAL_MODEL} ({@link StartingPoint}), encodes every row in the conditional-MLE format ({@link
 * ControlTokenFormat}), batches one sentence per row right-padded with {@code [PAD]} (padding masked), and trains all
 * weights with AdamW on a cosine schedule ({@link CausalLmTrainer}: metrics, resumable checkpoints, the trained model
 * in {@code out/final}). {@code out/final} also gets {@value #RECORD_FILE}: the condition, the settings, the data
 * file, the seed, the starting point and the token ids.
 *
 * <p>Same settings and data give the same model: the data order and random weights come from the seed, and a
 * resumed run takes the same steps as one never interrupted.
 */
public final class ControlTokenTrainer {
    /** The folder under the output that holds the starting model, with the control tokens. */
    public static final String INITIAL_MODEL = "init";
    /** The record of a run, written beside the trained model. */
    public static final String RECORD_FILE = "ctrl_training.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ControlTokenTrainingSettings settings;
    private final Consumer<String> log;

    /**
     * What a run produced.
     *
     * @param model   the trained model's folder ({@code out/final})
     * @param summary the trainer's summary
     * @param rows    rows read
     * @param dropped rows left out as longer than the settings' {@code maxTokens}
     * @param steps   optimizer updates of the whole run
     */
    public record Result(Path model, TrainingSummary summary, int rows, int dropped, long steps) {
    }

    /**
     * @param log receives a few lines describing the run before it starts (the data, the model, the steps)
     */
    public ControlTokenTrainer(ControlTokenTrainingSettings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    /**
     * Trains from {@code start} on {@code data} into {@code out}, from the beginning.
     *
     * @throws dev.rein.formats.FormatException naming the file, line and field of a malformed row
     * @throws IllegalArgumentException         when no row fits in the settings' {@code maxTokens}, the model
     *                                          has fewer positions, or {@code out} already holds checkpoints
     */
    public Result train(StartingPoint start, Path data, Path out) throws IOException {
        List<LabelledSentence> rows = rows(data);
        Optional<Path> latest = new CheckpointStore(out, 1).latest();
        if (latest.isPresent()) {
            throw new IllegalArgumentException(out + " already holds " + latest.get().getFileName()
                    + ": resume from it, or train into another folder");
        }
        start.publish(out.resolve(INITIAL_MODEL), settings.seed());
        return run(start, data, rows, out, Run.FRESH);
    }

    /**
     * Continues the run in {@code out} from its newest checkpoint (with the starting model it wrote), or trains from
     * the beginning when it has none; the data and settings must be those it started with.
     *
     * @throws IllegalArgumentException when the checkpoint was made with other data settings; as {@link #train}
     */
    public Result resume(StartingPoint start, Path data, Path out) throws IOException {
        List<LabelledSentence> rows = rows(data);
        Path init = out.resolve(INITIAL_MODEL);
        if (!Files.isDirectory(init)) {             // published whole or not at all: a folder there is complete
            start.publish(init, settings.seed());
        }
        return run(start, data, rows, out, Run.RESUMED);
    }

    private enum Run { FRESH, RESUMED }

    /** The rows of {@code data}, read and checked before anything is written. */
    private List<LabelledSentence> rows(Path data) throws IOException {
        return LabelledRows.read(data);
    }

    private Result run(StartingPoint start, Path data, List<LabelledSentence> rows, Path out, Run kind)
            throws IOException {
        Path init = out.resolve(INITIAL_MODEL);
        try (LanguageModel model = LanguageModel.load(init, TrainableSelection.all())) {
            Tokenizer tokenizer = model.tokenizer();
            ControlVocabulary.check(tokenizer, model.config().vocabSize(), List.of(ControlToken.values()),
                    init.toString());
            int padId = ControlVocabulary.id(tokenizer, ControlToken.PAD, init.toString());
            List<Integer> eos = model.config().specialTokens().eos();
            if (eos.isEmpty()) {
                throw new IllegalArgumentException(init + ": config.json names no eos_token_id, which ends every "
                        + "training sequence");
            }
            if (settings.maxTokens() > model.config().maxPositions()) {
                throw new IllegalArgumentException("max tokens " + settings.maxTokens() + " is more than the model's "
                        + model.config().maxPositions() + " positions");
            }
            ControlTokenFormat.Encoded encoded = new ControlTokenFormat(tokenizer, settings.condition(),
                    eos.getFirst()).encode(rows, settings.maxTokens());
            if (encoded.examples().isEmpty()) {
                throw new IllegalArgumentException(data + ": no row fits in " + settings.maxTokens() + " tokens");
            }
            RowBatches batches = RowBatches.padded(encoded.examples(), settings.maxTokens(), padId,
                    settings.batchSize(), RowOrder.shuffled(settings.seed()));
            long steps = settings.steps() > 0 ? settings.steps() : TrainingConfig.stepsForEpochs(settings.epochs(),
                    batches.batchesPerEpoch(), settings.accumulation());
            describe(start, data, rows.size(), encoded, batches, steps);
            TrainingConfig config = TrainingConfig.of(steps).withAccumulation(settings.accumulation())
                    .withClipNorm(settings.clipNorm()).withCheckpoints(settings.saveEvery(), settings.keepCheckpoints())
                    .withSeed(settings.seed());
            if (settings.progress()) {
                config = config.withProgressBar();
            }
            AdamW optimizer = new AdamW(ParameterGroup.decayOnMatrices(TrainableParameters.of(
                    model.transformer().weights()), settings.learningRate(), settings.weightDecay()),
                    AdamSettings.defaults());
            CausalLmTrainer trainer = new CausalLmTrainer(model.transformer(), optimizer, LearningRateSchedules.cosine(
                    LearningRateSchedules.warmupSteps(settings.warmupRatio(), steps), steps), config);
            TrainingOutput output = new TrainingOutput(out, init);
            TrainingSummary summary = kind == Run.RESUMED ? trainer.resume(batches, null, output)
                    : trainer.train(batches, null, output);
            writeRecord(summary.finalModel(), start, data, rows.size(), encoded.dropped(), steps, tokenizer);
            return new Result(summary.finalModel(), summary, rows.size(), encoded.dropped(), steps);
        }
    }

    private void describe(StartingPoint start, Path data, int rows, ControlTokenFormat.Encoded encoded,
                          RowBatches batches, long steps) {
        log.accept(String.format(Locale.ROOT, "data: %d rows from %s, %d dropped (longer than %d tokens), %d "
                        + "trained, %d batches per epoch", rows, data, encoded.dropped(), settings.maxTokens(),
                encoded.examples().size(), batches.batchesPerEpoch()));
        log.accept("model: " + start.describe().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + "; with " + String.join(" ", ControlToken.added()) + " added");
        log.accept(String.format(Locale.ROOT, "training: condition %s, %d steps of %d x %d sequences, adamw lr %s "
                        + "weight decay %s, cosine warmup ratio %s, clip %s, seed %d",
                settings.condition().label(), steps, settings.accumulation(), settings.batchSize(),
                settings.learningRate(), settings.weightDecay(), settings.warmupRatio(), settings.clipNorm(),
                settings.seed()));
    }

    /** {@value #RECORD_FILE} in the trained model's folder. */
    private void writeRecord(Path folder, StartingPoint start, Path data, int rows, int dropped, long steps,
                             Tokenizer tokenizer) throws IOException {
        ObjectNode record = JSON.createObjectNode();
        record.put("method", "control tokens (METHODS.md 2)");
        record.put("condition", settings.condition().label());
        record.put("data", data.toAbsolutePath().normalize().toString());
        record.put("rows", rows);
        record.put("dropped_rows", dropped);
        record.put("trained_rows", rows - dropped);
        ObjectNode from = record.putObject("starting_point");
        for (Map.Entry<String, String> entry : start.describe().entrySet()) {
            from.put(entry.getKey(), entry.getValue());
        }
        ObjectNode tokens = record.putObject("control_tokens");
        for (String token : ControlToken.added()) {
            tokens.put(token, tokenizer.pieceToId(token));
        }
        ObjectNode used = record.putObject("settings");
        used.put("steps", steps);
        used.put("epochs", settings.steps() > 0 ? null : settings.epochs());
        used.put("batch_size", settings.batchSize());
        used.put("grad_accum", settings.accumulation());
        used.put("optimizer", "adamw");
        used.put("learning_rate", settings.learningRate());
        used.put("weight_decay", settings.weightDecay());
        used.put("schedule", "cosine");
        used.put("warmup_ratio", settings.warmupRatio());
        used.put("clip_norm", settings.clipNorm());
        used.put("max_tokens", settings.maxTokens());
        used.put("seed", settings.seed());
        AtomicFiles.write(folder.resolve(RECORD_FILE), (JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
