package dev.rein.cli;

import dev.rein.eval.length.LengthComparison;
import dev.rein.eval.length.LengthEvaluation;
import dev.rein.eval.length.LengthPredictionsFile;
import dev.rein.eval.length.LengthResponder;
import dev.rein.eval.length.LengthRow;
import dev.rein.eval.length.LengthRows;
import dev.rein.eval.length.LengthSweepPlot;
import dev.rein.eval.length.UnseenTargets;
import dev.rein.formats.config.ModelConfig;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.GeneratedSequence;
import dev.rein.models.generation.GenerationOptions;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.steering.cie.CieControls;
import dev.rein.steering.cie.CieTemplate;
import dev.rein.steering.cie.ControlledLengthResponder;
import dev.rein.steering.cie.ControlledTokens;
import dev.rein.steering.cie.ControlTableFiles;
import dev.rein.steering.cie.LengthMethod;
import dev.rein.steering.cie.NoLengthControl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein cie eval}: CIE, the plain model and the baselines trained by {@code rein cie train --method} answer
 * the same benchmark rows, and {@link LengthEvaluation} scores how close each comes to the length asked for, over
 * all rows, the unseen values and each target bin.
 */
@Command(name = "eval", description = {"Generate for every row of a length benchmark (JSONL with instruction and "
        + "ans_len, or min/max, or max_len) with CIE at the row's target and with each baseline, and print the "
        + "length metrics side by side: MAE, exact, within 5 and 10 words, in-range share, Spearman's rho, per "
        + "target bin and for --unseen values, and the MAE reduction against the plain model (none).",
        "Baselines: none (the model prompted with the instruction alone; always run), and the folders of rein cie "
                + "train --method prompt or buckets. Writes --out (JSON), the per-row predictions JSONL and --plot "
                + "(the sweep, target against generated words, as a PNG)."})
final class CieEvalCommand implements Callable<Integer> {
    /** The baseline every run has: the model with no control, prompted with the instruction alone. */
    static final String PLAIN = LengthMethod.NONE.id();
    /** The baselines trained by rein cie train --method that --baseline KIND=DIR runs. */
    private static final List<LengthMethod> TRAINED_BASELINES = List.of(LengthMethod.PROMPT, LengthMethod.BUCKETS);
    private static final int PLOT_WIDTH = 900;
    private static final int PLOT_HEIGHT = 700;

    @Mixin
    private BackendOption backend;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--cie", required = true, paramLabel = "TABLE_DIR",
            description = "The CIE tables (cie_config.json, from rein cie train) for --model.")
    private Path tables;

    @Option(names = "--data", required = true, paramLabel = "FILE.jsonl", description = "The benchmark rows.")
    private Path data;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N rows.")
    private Integer limit;

    @Option(names = "--unseen", paramLabel = "LO-HI",
            description = "Target values held out of training, e.g. 60-80, reported as a group of their own.")
    private String unseen;

    @Option(names = "--bin-width", paramLabel = "N", defaultValue = "20",
            description = "Width of the target bins (default: ${DEFAULT-VALUE}).")
    private int binWidth;

    @Option(names = "--baseline", paramLabel = "KIND=DIR", mapFallbackValue = "",
            description = "A baseline and the folder it runs (repeatable, one per kind): none=MODEL (no control, the "
                    + "instruction alone; default: none on --model), prompt=DIR or buckets=DIR (the OUT/final, or "
                    + "OUT/adapter on --model, of rein cie train --method prompt or buckets).")
    private Map<String, String> baselines = new LinkedHashMap<>();

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "8",
            description = "Rows generated together (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Mixin
    private DecodingOptions decoding;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Write the comparison as JSON.")
    private Path out;

    @Option(names = "--predictions", paramLabel = "FILE.jsonl",
            description = "Write every method's responses (default with --out: beside it, .predictions.jsonl).")
    private Path predictions;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write the sweep plot.")
    private Path plot;

    @Override
    public Integer call() throws IOException {
        backend.install();
        checkArguments();
        List<LengthRow> rows = LengthRows.read(data);
        if (limit != null && limit < rows.size()) {
            rows = rows.subList(0, limit);
        }
        if (rows.isEmpty()) {
            throw new UserError("--data " + data + ": no rows");
        }
        List<LanguageModel> opened = new ArrayList<>();
        try {
            LanguageModel model = open(opened, modelOption.name());
            SamplingSettings settings = decoding.greedyByDefault(model, GenerateCommand.CIE_MAX_NEW_TOKENS);
            if (settings.numReturnSequences() != 1) {
                throw new UserError("-n: the evaluation scores one response per row");
            }
            List<LengthResponder> methods = new ArrayList<>();
            CieControls cie = CieControls.load(model, tables, "--cie " + tables, LengthMethod.CIE);
            methods.add(controlled(LengthMethod.CIE, cie, model, settings, rows.size()));
            methods.add(plain(opened, model, cie.template(), settings, rows.size()));
            for (LengthMethod kind : TRAINED_BASELINES) {
                String folder = baselines.get(kind.id());
                if (folder != null) {
                    Path dir = Path.of(folder);
                    LanguageModel trained = open(opened, Files.isRegularFile(dir.resolve(ModelConfig.FILE_NAME))
                            ? folder : modelOption.name());
                    CieControls controls = CieControls.load(trained, dir, "--baseline " + kind.id() + "=" + folder,
                            kind);
                    methods.add(controlled(kind, controls, trained, settings, rows.size()));
                }
            }
            LengthEvaluation evaluation = LengthEvaluation.against(PLAIN).binWidth(binWidth);
            if (unseen != null) {
                evaluation.unseen(band());
            }
            LengthComparison comparison = evaluation.run(rows, methods);
            System.out.print(comparison.table());
            write(comparison);
        } finally {
            for (LanguageModel model : opened) {
                model.close();
            }
        }
        return 0;
    }

    private void checkArguments() {
        if (!Files.isRegularFile(data)) {
            throw new UserError("--data " + data + ": no such file");
        }
        if ((limit != null && limit < 1) || batchSize < 1 || binWidth < 1) {
            throw new UserError("--limit, --batch-size and --bin-width must be at least 1");
        }
        List<String> kinds = new ArrayList<>(List.of(PLAIN));
        TRAINED_BASELINES.forEach(kind -> kinds.add(kind.id()));
        baselines.forEach((kind, folder) -> {
            if (!kinds.contains(kind)) {
                throw new UserError("--baseline " + kind + ": unknown kind; expected one of " + kinds);
            }
            if (!kind.equals(PLAIN) && (folder.isBlank() || !Files.isDirectory(Path.of(folder)))) {
                throw new UserError("--baseline " + kind + "=" + folder + ": expected the folder rein cie train "
                        + "--method " + kind + " wrote");
            }
        });
        if (unseen != null) {
            band();
        }
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("--out", out);
        files.put("--predictions", predictionsFile());
        files.put("--plot", plot);
        files.forEach((option, file) -> {
            if (file != null) {
                OutputFile.requireFolder(option, file);
            }
        });
    }

    private UnseenTargets band() {
        LengthBand band = LengthBand.parse("--unseen", unseen);
        return UnseenTargets.band(band.low(), band.high());
    }

    private LanguageModel open(List<LanguageModel> opened, String reference) throws IOException {
        LanguageModel model = LanguageModel.load(ModelOption.resolve("--model", reference));
        opened.add(model);
        return model;
    }

    /**
     * A method trained by {@code rein cie train --method kind}, its folder loaded on {@code model}: CIE with its
     * placeholder valued at the row's target, or a baseline asking for that length its own way.
     */
    private LengthResponder controlled(LengthMethod kind, CieControls controls, LanguageModel model,
                                       SamplingSettings settings, int rowCount) {
        return new ControlledLengthResponder(kind.id(), progress(kind.id(), rowCount, controls.generation()::generate),
                model.tokenizer(), row -> controls.lengthPrompt(row.instruction(), row.value(),
                data + " line " + row.line()), settings, batchSize);
    }

    /**
     * The plain baseline: the instruction alone. On --model (the default) it renders with CIE's template; a folder of
     * rein cie train --method none with the template it recorded; any other model with the template picked for it.
     */
    private LengthResponder plain(List<LanguageModel> opened, LanguageModel model, CieTemplate cieTemplate,
                                  SamplingSettings settings, int rowCount) throws IOException {
        String given = baselines.getOrDefault(PLAIN, "");
        if (given.isBlank() || given.equals(modelOption.name())) {
            return plain(model, cieTemplate, settings, rowCount);
        }
        LanguageModel other = open(opened, given);
        Path folder = Path.of(given);
        if (Files.isRegularFile(folder.resolve(ControlTableFiles.CONFIG_FILE))) {
            return controlled(LengthMethod.NONE, CieControls.load(other, folder, "--baseline none=" + given,
                    LengthMethod.NONE), other, settings, rowCount);
        }
        return plain(other, CieControls.template(other, null, "--baseline none=" + given), settings, rowCount);
    }

    private LengthResponder plain(LanguageModel model, CieTemplate template, SamplingSettings settings,
                                  int rowCount) {
        NoLengthControl control = new NoLengthControl(template);
        Generator generator = new Generator(model.transformer());
        return new ControlledLengthResponder(PLAIN, progress(PLAIN, rowCount, (prompts, s) -> generator.generate(
                prompts.stream().map(ControlledTokens::ids).toList(), s, GenerationOptions.NONE)), model.tokenizer(),
                row -> control.prompt(row.instruction(), row.value(), data + " line " + row.line()), settings,
                batchSize);
    }

    /** {@code generation}, saying on stderr after each batch how many of the rows {@code method} has answered. */
    private static ControlledLengthResponder.Generation progress(String method, int rowCount,
                                                                 ControlledLengthResponder.Generation generation) {
        int[] done = {0};
        return (prompts, s) -> {
            List<GeneratedSequence> sequences = generation.generate(prompts, s);
            done[0] += sequences.size();
            System.err.printf("%s: %d of %d rows%n", method, done[0], rowCount);
            return sequences;
        };
    }

    private Path predictionsFile() {
        if (predictions != null || out == null) {
            return predictions;
        }
        String name = out.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return out.resolveSibling(stem + ".predictions.jsonl");
    }

    private void write(LengthComparison comparison) throws IOException {
        if (out != null) {
            comparison.writeJson(out);
            System.out.println("report written to " + out);
        }
        Path rowsFile = predictionsFile();
        if (rowsFile != null) {
            LengthPredictionsFile.write(rowsFile, comparison);
            System.out.println("predictions written to " + rowsFile);
        }
        if (plot != null) {
            LengthSweepPlot.writePng(plot, comparison, "CIE length sweep: " + data.getFileName(), PLOT_WIDTH,
                    PLOT_HEIGHT);
            System.out.println("sweep plot written to " + plot);
        }
    }
}
