package dev.rein.cli;

import dev.rein.models.LanguageModel;
import dev.rein.steering.vector.ContrastMethod;
import dev.rein.steering.vector.ContrastPair;
import dev.rein.steering.vector.ControlVector;
import dev.rein.steering.vector.ControlVectors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein steer build}: a steering vector from contrast pairs ({@link ControlVectors}), one direction per layer at
 * {@code hook_resid_post}, written as a {@link ControlVector} file that {@code rein serve --steering-vector} loads.
 */
@Command(name = "build", description = {"Build a steering vector from contrast pairs (JSON Lines of {positive, negative})",
        "at the residual stream after each of --layers: the mean difference or repeng's PCA of differences."})
final class SteerBuildCommand implements Callable<Integer> {
    @Mixin
    private BackendOption backend;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "Contrast pairs, one "
            + "{\"positive\": ..., \"negative\": ...} per line.")
    private Path pairs;

    @Option(names = "--layers", required = true, paramLabel = "A-B|A,B,...",
            description = "Blocks whose output is steered, e.g. 6-10 or 1,3.")
    private String layers;

    @Option(names = "--method", paramLabel = "mean|pca", defaultValue = "pca",
            description = "mean: mean of the differences; pca: their first principal component, unit length, as "
                    + "repeng (default: ${DEFAULT-VALUE}).")
    private String method;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The vector file (.safetensors).")
    private Path out;

    @Override
    public Integer call() throws IOException {
        backend.install();
        ContrastMethod contrast;
        try {
            contrast = ContrastMethod.parse(method);
        } catch (IllegalArgumentException e) {
            throw new UserError("--method: " + e.getMessage());
        }
        List<Integer> chosen = parseLayers(layers);
        List<ContrastPair> read = ContrastPair.read(pairs);
        try (LanguageModel model = modelOption.load()) {
            if (!model.hasTokenizer()) {
                throw new UserError("--model " + modelOption.name() + ": no tokenizer.json to encode the pairs with");
            }
            ControlVector vector;
            try {
                vector = ControlVectors.build(model, read, chosen, contrast);
            } catch (IllegalArgumentException e) {
                throw new UserError("--layers " + layers + " / --pairs " + pairs + ": " + e.getMessage());
            }
            vector.write(out);
            System.err.printf(Locale.ROOT, "[%d pairs, layers %s, %s: wrote %s]%n", read.size(),
                    vector.directions().keySet(), contrast.id(), out);
        }
        return 0;
    }

    /** {@code A-B} (inclusive) or {@code A,B,...}; anything else is a user error. */
    static List<Integer> parseLayers(String text) {
        List<Integer> layers = new ArrayList<>();
        try {
            if (text.matches("\\d{1,4}-\\d{1,4}")) {
                String[] ends = text.split("-");
                int from = Integer.parseInt(ends[0]);
                int to = Integer.parseInt(ends[1]);
                if (from > to) throw new UserError("--layers " + text + ": the range runs backwards");
                for (int layer = from; layer <= to; layer++) layers.add(layer);
                return layers;
            }
            if (text.matches("\\d{1,4}(,\\d{1,4})*")) {
                for (String layer : text.split(",")) layers.add(Integer.parseInt(layer));
                return layers.stream().distinct().sorted().toList();
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("--layers " + text + ": expected a range such as 6-10 or a list such as 1,3");
    }
}
