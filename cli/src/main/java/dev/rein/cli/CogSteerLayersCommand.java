package dev.rein.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.models.LanguageModel;
import dev.rein.steering.cogsteer.Correlations;
import dev.rein.steering.cogsteer.EyeTrackingCorpus;
import dev.rein.steering.cogsteer.LayerAnalysis;
import dev.rein.steering.cogsteer.LayerCorrelations;
import dev.rein.steering.cogsteer.LayerCorrelationsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein cogsteer layers}: CogSteer's layer analysis ({@link LayerAnalysis}) of a model on an eye-tracking
 * corpus, printed as a per-depth table of Pearson, Spearman and Kendall per feature, with the suggested layer; the
 * full numbers go to JSON and the Spearman curves to a PNG.
 */
@Command(name = "layers", description = {"Correlate each depth's hidden states (first PCA component of the "
        + "word states, max-pooled over sub-word tokens) with eye-tracking features, and suggest a layer to steer at.",
        "Prints r / rho / tau per feature (raw values); --json and --plot write every number and the curves."})
final class CogSteerLayersCommand implements Callable<Integer> {
    @Mixin
    private BackendOption backend;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--eye", required = true, paramLabel = "FILE.json",
            description = "Eye-tracking corpus {\"sents\": [...], \"eye_fs\": [...]} "
                    + "(e.g. ../shared/data/cogsteer/eye_tracking/Zuco_NR.json).")
    private Path eye;

    @Option(names = "--json", paramLabel = "FILE", description = "Write every correlation as JSON.")
    private Path json;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write the Spearman-by-depth plot as PNG.")
    private Path plot;

    @Override
    public Integer call() throws IOException {
        backend.install();
        if (!Files.isRegularFile(eye)) throw new UserError("--eye " + eye + ": no such file");
        if (json != null) OutputFile.requireFolder("--json", json);
        if (plot != null) OutputFile.requireFolder("--plot", plot);
        EyeTrackingCorpus corpus = EyeTrackingCorpus.read(eye);
        try (LanguageModel model = modelOption.load()) {
            if (!model.hasTokenizer()) {
                throw new UserError("--model " + modelOption.name() + ": no tokenizer.json, which the word "
                        + "alignment needs");
            }
            int total = corpus.sentences().size();
            LayerCorrelations result = LayerAnalysis.run(model.transformer(), model.tokenizer(), corpus, s -> {
                if ((s + 1) % 50 == 0 || s + 1 == total) {
                    System.err.printf(Locale.ROOT, "[%d/%d sentences]%n", s + 1, total);
                }
            });
            print(result);
            ObjectNode settings = JsonNodeFactory.instance.objectNode().put("model", modelOption.name())
                    .put("eye_tracking", eye.toString());
            if (json != null) {
                LayerCorrelationsFiles.writeJson(json, result, settings);
                System.out.println("correlations written to " + json);
            }
            if (plot != null) {
                LayerCorrelationsFiles.writePng(plot, result, "CogSteer layer analysis: " + modelOption.name() + " on "
                        + eye.getFileName(), 900, 540);
                System.out.println("plot written to " + plot);
            }
        }
        return 0;
    }

    private static void print(LayerCorrelations result) {
        System.out.printf(Locale.ROOT, "%d sentences, %d words; %d sentences skipped (word count differs from the "
                + "features')%n", result.sentences(), result.words(), result.skipped());
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-12s", "depth"));
        result.features().forEach(f -> header.append(String.format(Locale.ROOT, " %-23s", f + " r/rho/tau")));
        System.out.println(header.append(" mean|rho|"));
        for (LayerCorrelations.Depth depth : result.depths()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-12s", depth.name()));
            for (Correlations c : depth.raw()) {
                row.append(String.format(Locale.ROOT, " %+.3f/%+.3f/%+.3f  ", c.pearson(), c.spearman(), c.kendall()));
            }
            System.out.println(row.append(String.format(Locale.ROOT, " %.3f", depth.meanAbsoluteSpearman())));
        }
        System.out.println("suggested layer: " + result.suggestedLayer() + " (" + LayerCorrelations.RULE + ")");
    }
}
