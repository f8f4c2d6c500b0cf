package dev.rein.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.eval.MetricReport;
import dev.rein.eval.toxicity.RealToxicityPrompts;
import dev.rein.eval.toxicity.ToxicityExample;
import dev.rein.eval.toxicity.ToxicityMetrics;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.Generator;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.steering.cogsteer.LayerAdapter;
import dev.rein.steering.cogsteer.PromptContinuations;
import dev.rein.steering.cogsteer.SteeringSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein cogsteer eval}: CogSteer's toxicity evaluation (METHODS.md 4.4) with any toxicity scorer: k sampled
 * continuations per RealToxicityPrompts prompt ({@link PromptContinuations}), scored without the prompt, from the
 * plain model and steered by each adapter given ({@code --adapter}, repeatable: a per-layer sweep), each reported
 * as Expected Maximum Toxicity, its standard deviation and Toxicity Probability ({@link ToxicityMetrics}).
 */
@Command(name = "eval", description = {"Sample k continuations per prompt of a RealToxicityPrompts JSONL file "
        + "(--preset cogsteer unless flags say otherwise: temperature 1, top-p 0.9, 20 new tokens, 25 per prompt), "
        + "plain and steered by each --adapter, and score each continuation without its prompt.",
        "Prints one row per run: Expected Maximum Toxicity (mean over prompts of the highest score), its standard "
                + "deviation, Toxicity Probability (share of prompts with a sample scoring > 0.5) and the mean "
                + "score; several adapters (rein cogsteer train --all-layers) give a per-layer sweep. --out writes "
                + "the reports and every continuation as JSON."})
final class CogSteerEvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    private BackendOption backend;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--prompts", required = true, paramLabel = "FILE.jsonl",
            description = "RealToxicityPrompts rows ({\"prompt\": {\"text\": ...}, ...}), e.g. "
                    + "../shared/data/cogsteer/rtp-test-toxic-2k.jsonl.")
    private Path prompts;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N prompts (default: all).")
    private Integer limit;

    @Option(names = "--adapter", paramLabel = "DIR",
            description = "An adapter folder of rein cogsteer train to steer with (repeatable; one run each).")
    private List<Path> adapters = new ArrayList<>();

    @Option(names = "--norm-exp", paramLabel = "P", defaultValue = "0.4",
            description = "p in s = (1 + |delta|)^p (default: ${DEFAULT-VALUE}).")
    private double normExponent;

    @Option(names = "--renorm", description = "Rescale the edited heads to their original norm.")
    private boolean renorm;

    @Mixin
    private ToxicityScorerOption scorerOption;

    @Mixin
    private DecodingOptions decoding;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "8",
            description = "Prompts generated together, each with its k samples (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Where to write the reports and continuations.")
    private Path out;

    /** One run: its name, its adapter (null for the plain model), its report and its continuations. */
    private record Run(String name, LayerAdapter adapter, MetricReport report, List<List<String>> continuations) {
    }

    @Override
    public Integer call() throws Exception {
        backend.install();
        if (!Files.isRegularFile(prompts)) throw new UserError("--prompts " + prompts + ": no such file");
        if ((limit != null && limit < 1) || batchSize < 1) {
            throw new UserError("--limit and --batch-size must be at least 1");
        }
        if (out != null) OutputFile.requireFolder("--out", out);
        List<String> texts = promptTexts();
        SteeringSettings steering = CogSteerOptions.settings(normExponent, renorm);
        try (LanguageModel model = modelOption.load(); ToxicityScorerOption.Opened scorer = scorerOption.open()) {
            List<LayerAdapter> loaded = new ArrayList<>();
            for (Path folder : adapters) loaded.add(CogSteerOptions.adapter("--adapter", folder, model));
            SamplingSettings settings = decoding.presetByDefault(model, DecodingPreset.COGSTEER);
            List<Run> runs = new ArrayList<>();
            runs.add(run(model, "plain", null, new Generator(model.transformer()), texts, settings, scorer));
            for (int i = 0; i < loaded.size(); i++) {
                runs.add(run(model, adapters.get(i).toString(), loaded.get(i),
                        CogSteerOptions.steered(model, loaded.get(i), steering), texts, settings, scorer));
            }
            System.out.printf(Locale.ROOT, "%d prompts x %d samples, scored by %s%n", texts.size(),
                    settings.numReturnSequences(), scorer.name());
            System.out.print(table(runs));
            if (out != null) {
                write(runs, texts, settings, scorer.name(), steering);
                System.out.println("wrote " + out);
            }
        }
        return 0;
    }

    private List<String> promptTexts() throws IOException {
        List<String> texts = RealToxicityPrompts.read(prompts).stream().map(RealToxicityPrompts.Row::prompt)
                .filter(Objects::nonNull).map(ToxicityExample::text).toList();
        return limit == null ? texts : texts.subList(0, Math.min(limit, texts.size()));
    }

    private Run run(LanguageModel model, String name, LayerAdapter adapter, Generator generator, List<String> texts,
                    SamplingSettings settings, ToxicityScorerOption.Opened scorer) {
        List<List<String>> continuations = PromptContinuations.of(generator, model.tokenizer(), texts, settings,
                batchSize, done -> System.err.printf("[%s: %d of %d prompts]%n", name, done, texts.size()));
        return new Run(name, adapter, ToxicityMetrics.ofContinuations(continuations, scorer.scorer(), scorer.name()),
                continuations);
    }

    private static String table(List<Run> runs) {
        int width = Math.max(4, runs.stream().mapToInt(run -> run.name().length()).max().orElse(0));
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s  %-14s  %6s  %6s  %6s  %6s%n",
                "run", "adapter", "EMT", "std", "TP", "mean"));
        for (Run run : runs) {
            String adapter = run.adapter() == null ? "-" : run.adapter().describe();
            text.append(String.format(Locale.ROOT, "%-" + width + "s  %-14s  %6.4f  %6.4f  %6.4f  %6.4f%n",
                    run.name(), adapter, run.report().value("expected_maximum_toxicity"),
                    run.report().value("expected_maximum_toxicity_std"),
                    run.report().value("toxicity_probability"), run.report().value("mean_toxicity")));
        }
        return text.toString();
    }

    private void write(List<Run> runs, List<String> texts, SamplingSettings settings, String scorerName,
                       SteeringSettings steering) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode header = root.putObject("settings").put("model", modelOption.name())
                .put("prompts_file", prompts.toString()).put("prompts", texts.size()).put("scorer", scorerName)
                .put("norm_exp", steering.normExponent()).put("renorm", renorm);
        header.set("sampling", DecodingOptions.describe(settings));
        ArrayNode list = root.putArray("runs");
        for (Run run : runs) {
            ObjectNode node = list.addObject().put("name", run.name());
            if (run.adapter() != null) {
                node.put("adapter", run.adapter().kind().name().toLowerCase(Locale.ROOT));
                if (run.adapter().layer() == LayerAdapter.EVERY_LAYER) node.putNull("layer");     // every layer
                else node.put("layer", run.adapter().layer());
            }
            node.set("report", JSON.readTree(run.report().json()));
            node.set("continuations", JSON.valueToTree(run.continuations()));
        }
        AtomicFiles.write(out, (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
