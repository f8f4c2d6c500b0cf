package dev.rein.cli;

import dev.rein.models.LanguageModel;
import dev.rein.steering.cie.CieControls;
import dev.rein.steering.cie.CieRow;
import dev.rein.steering.cie.CieRows;
import dev.rein.steering.cie.CieTemplate;
import dev.rein.steering.cie.CieTrainer;
import dev.rein.steering.cie.CieTrainingSettings;
import dev.rein.steering.cie.ControlInjection;
import dev.rein.steering.cie.ControlSignal;
import dev.rein.steering.cie.ControlTableInit;
import dev.rein.steering.cie.ControlledExample;
import dev.rein.steering.cie.InPromptLength;
import dev.rein.steering.cie.LengthBuckets;
import dev.rein.steering.cie.LengthControl;
import dev.rein.steering.cie.LengthMethod;
import dev.rein.steering.cie.PlaceholderTokens;
import dev.rein.steering.cie.TemplateKind;
import dev.rein.training.adapters.LoraConfig;
import dev.rein.training.freezing.TrainableSelection;
import dev.rein.training.trainer.TrainingSummary;
import java.io.IOException;
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
 * {@code rein cie train}: fine-tunes a model with a length control on {@code {instruction, answer, ans_len}} rows
 * ({@link CieTrainer}), by CIE or one of its baselines ({@link LengthMethod}, {@link LengthControl}). The data is
 * read and checked before anything is written.
 */
@Command(name = "train", description = {"Train CIE: fine-tune the model (all weights, or a LoRA adapter with "
        + "--lora-rank) and a [2, hidden] control table on JSONL rows {instruction, answer, ans_len} (ans_len "
        + "optional: the answer's \\w+ word count), the placeholder at the end of the instruction, the loss on the "
        + "answer and its end-of-turn token. Defaults are the paper's (AdamW, weight decay 0.001, cosine, warmup "
        + "0.03, clip 0.3).",
        "--method trains a baseline on the same rows instead: prompt (\"Answer using N words.\" after the "
                + "instruction), buckets (a learned token per --bucket-width words) or none (no control).",
        "Writes OUT/final (the model, with cie_config.json, which records the method, and cie_tables.safetensors "
                + "beside it) or, with LoRA, OUT/adapter (the adapter and the tables), OUT/metrics.jsonl and resumable "
                + "checkpoints OUT/checkpoint-<step> (the tables and their optimizer state included). A killed run "
                + "continues with --resume."})
final class CieTrainCommand implements Callable<Integer> {
    /** The modules a LoRA adapter adapts (PEFT's default for Llama-style models). */
    private static final String[] LORA_MODULES = {"q_proj", "v_proj"};

    @Mixin
    private BackendOption backend;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--data", required = true, paramLabel = "FILE.jsonl",
            description = "Training rows {instruction, answer, ans_len}.")
    private Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output folder (new or empty, unless --resume).")
    private Path out;

    @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps (default: one pass over the rows).")
    private Long steps;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "4",
            description = "Rows per step (default: ${DEFAULT-VALUE}, the paper's 1 x 4).")
    private int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "5e-5",
            description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the data order, the table's and the adapter's initialisation "
                    + "(default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--lora-rank", paramLabel = "R",
            description = "Train a LoRA adapter of rank R on q_proj and v_proj instead of all weights.")
    private Integer loraRank;

    @Option(names = "--lora-alpha", paramLabel = "A", defaultValue = "16",
            description = "LoRA's alpha, with --lora-rank (default: ${DEFAULT-VALUE}).")
    private double loraAlpha;

    @Option(names = "--min", paramLabel = "V", defaultValue = "1",
            description = "The value the table's low row stands for (default: ${DEFAULT-VALUE}).")
    private double min;

    @Option(names = "--max", paramLabel = "V", defaultValue = "200",
            description = "The value the table's high row stands for; higher values saturate (default: "
                    + "${DEFAULT-VALUE}).")
    private double max;

    @Option(names = "--placeholder", paramLabel = "TEXT", defaultValue = ControlSignal.DEFAULT_PLACEHOLDER,
            description = "The placeholder token added to the tokenizer (default: ${DEFAULT-VALUE}).")
    private String placeholder;

    @Option(names = "--method", paramLabel = "METHOD", defaultValue = "cie",
            description = "cie, or a baseline trained on the same rows: prompt, buckets or none (default: "
                    + "${DEFAULT-VALUE}).")
    private LengthMethod method;

    @Option(names = "--bucket-width", paramLabel = "WORDS", defaultValue = "" + LengthBuckets.DEFAULT_WIDTH,
            description = "With --method buckets: the words each bucket token covers, from 1 to --max (default: "
                    + "${DEFAULT-VALUE}).")
    private int bucketWidth;

    @Option(names = "--table-factor", paramLabel = "F", defaultValue = "1",
            description = "The tables learn at F times --lr (default: ${DEFAULT-VALUE}, the paper's one rate).")
    private double tableFactor;

    @Option(names = "--table-init", paramLabel = "HOW", defaultValue = "paper",
            description = "How the tables start: paper, N(0, 0.02); or embeddings, N(0, RMS of the model's token "
                    + "embeddings) (default: ${DEFAULT-VALUE}).")
    private ControlTableInit tableInit;

    @Option(names = "--template", paramLabel = "KIND",
            description = "How rows are rendered: chat (the model's chat template), plain (instruction, newline, "
                    + "answer, EOS), or METHODS.md's llama3, qwen or gemma markup. Default: chat when "
                    + "tokenizer_config.json has a chat template, else the markup config.json's model_type calls for "
                    + "when the tokenizer has its tokens, else plain.")
    private TemplateKind template;

    @Mixin
    private CheckpointOptions checkpoints;

    @Override
    public Integer call() throws IOException {
        backend.install();
        ControlSignal signal = new ControlSignal("length", placeholder, min, max);
        checkArguments();
        List<CieRow> rows = CieRows.read(data);
        if (rows.isEmpty()) {
            throw new UserError("--data " + data + ": no rows");
        }
        List<ControlSignal> signals = method.signals(signal, bucketWidth);
        Path source = modelOption.resolve();
        try (LanguageModel model = loraRank == null ? LanguageModel.load(source, TrainableSelection.all())
                : LanguageModel.load(source)) {
            ControlInjection injection = new ControlInjection(tableInit.tables(signals,
                    model.transformer().embedding().tokens(), seed));
            CieTemplate rendering = CieControls.template(model, template, "--template "
                    + (template == null ? "(automatic)" : template.id()));
            LengthControl control = LengthControl.of(method, signals, rendering,
                    PlaceholderTokens.add(model.tokenizer(), signals));
            List<ControlledExample> encoded = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                encoded.add(control.example(rows.get(i), data + " row " + (i + 1)));
            }
            long total = steps != null ? steps : (rows.size() + batchSize - 1) / batchSize;
            CieTrainingSettings settings = CieTrainingSettings.defaults(total).withBatchSize(batchSize)
                    .withLearningRate(learningRate).withSeed(seed).withTableFactor(tableFactor)
                    .withCheckpoints(checkpoints.saveEvery, checkpoints.keep);
            if (loraRank != null) {
                settings = settings.withLora(LoraConfig.of(loraRank, loraAlpha, LORA_MODULES));
            }
            System.out.printf(Locale.ROOT, "%d rows from %s; method %s, %s; template %s; %s, %d steps of %d rows, "
                    + "lr %s%s, seed %d%n", rows.size(), data, method.id(), controlled(signals), rendering.kind().id(),
                    loraRank == null ? "full fine-tuning" : "LoRA rank " + loraRank, total, batchSize, learningRate,
                    signals.isEmpty() ? "" : " (tables x" + tableFactor + ")", seed);
            CieTrainer.Result result = checkpoints.resume ? CieTrainer.resume(model, control, injection, encoded, settings, out)
                    : CieTrainer.train(model, control, injection, encoded, settings, out);
            report(result, signals);
        }
        return 0;
    }

    /** What the run controls, for the first line it prints. */
    private String controlled(List<ControlSignal> signals) {
        return switch (method) {
            case CIE -> "signal length in [" + min + ", " + max + "] at " + placeholder + ", tables " + tableInit.id();
            case BUCKETS -> signals.size() + " bucket tokens of " + bucketWidth + " words, tables " + tableInit.id();
            case PROMPT -> "the length written as \"" + InPromptLength.REQUEST + "\"";
            case NONE -> "no control";
        };
    }

    private void checkArguments() throws IOException {
        if (!Files.isRegularFile(data)) {
            throw new UserError("--data " + data + ": no such file");
        }
        if (batchSize < 1 || (steps != null && steps < 1) || (loraRank != null && loraRank < 1)
                || bucketWidth < 1) {
            throw new UserError("--batch-size, --steps, --lora-rank and --bucket-width must be at least 1");
        }
        if (!(tableFactor > 0) || Double.isInfinite(tableFactor)) {
            throw new UserError("--table-factor must be a positive number, got " + tableFactor);
        }
        checkpoints.check(out);
        OutputFile.requireFolder("--out", out);
    }

    /** What the run wrote and how to use it; {@code signals} are the tables it trained (none for some baselines). */
    private void report(CieTrainer.Result result, List<ControlSignal> signals) {
        TrainingSummary summary = result.summary();
        if (summary.last() == null) {
            System.out.println("already trained for " + summary.steps() + " steps");
        } else {
            System.out.printf(Locale.ROOT, "step %d: loss %.4f%s%n", summary.steps(), summary.last().loss(),
                    summary.resumedFrom() > 0 ? " (resumed from step " + summary.resumedFrom() + ")" : "");
        }
        String model = loraRank == null ? result.tables().toString() : modelOption.name();
        System.out.println(method.id() + (signals.isEmpty() ? " model" : " model and tables") + " written to "
                + result.tables());
        if (method == LengthMethod.NONE) {
            System.out.println("compare with: rein cie eval --cie CIE_DIR --baseline none=" + result.tables()
                    + " --data FILE.jsonl");
            return;
        }
        System.out.println("generate with: rein generate --model " + model + " --cie " + result.tables()
                + " --control length=N --prompt TEXT");
        if (method != LengthMethod.CIE) {
            System.out.println("compare with: rein cie eval --cie CIE_DIR --baseline " + method.id() + "="
                    + result.tables() + " --data FILE.jsonl");
        }
    }
}
