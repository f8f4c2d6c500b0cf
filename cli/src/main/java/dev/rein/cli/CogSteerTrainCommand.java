package dev.rein.cli;

import dev.rein.data.lm.CsvColumn;
import dev.rein.data.lm.TextCorpus;
import dev.rein.models.LanguageModel;
import dev.rein.steering.cogsteer.AdapterKind;
import dev.rein.steering.cogsteer.AdapterTrainer;
import dev.rein.steering.cogsteer.AdapterTrainingSettings;
import dev.rein.steering.cogsteer.LayerAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein cogsteer train}: a one-layer adapter ({@link LayerAdapter}) trained on text with the attribute to steer
 * away from ({@link AdapterTrainer}), the base frozen; the best adapter by held-out loss is written to the output
 * folder ({@code --all-layers}: one subfolder per layer).
 */
@Command(name = "train", description = {"Train a one-layer CogSteer adapter (base frozen) on text to steer away "
        + "from: a CSV column or a JSONL field, tokenised, concatenated and cut into 50-token blocks. Defaults are "
        + "METHODS.md 4.2's (lr 5e-5, batch 64, weight decay 0.01, cosine, 5 epochs, held-out loss every 300 steps, "
        + "best kept).", "Then: rein generate --cogsteer OUT --prompt TEXT."})
final class CogSteerTrainCommand implements Callable<Integer> {
    @Mixin
    private BackendOption backend;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "A .csv file (column --field) or a .jsonl file (field --field).")
    private Path data;

    @Option(names = "--field", paramLabel = "NAME", defaultValue = "comment_text",
            description = "The CSV column or JSONL field holding the text (default: ${DEFAULT-VALUE}).")
    private String field;

    @Option(names = "--layer", paramLabel = "L", description = "The layer the adapter sits in.")
    private Integer layer;

    @Option(names = "--all-layers", description = "Train one adapter per layer, into OUT/layer-L.")
    private boolean allLayers;

    @Option(names = "--every-layer", description = "Train one bottleneck in every layer at once (the seed's "
            + "\"full\" run), which steers by the logit contrast only.")
    private boolean everyLayer;

    @Option(names = "--adapter", paramLabel = "KIND", defaultValue = "bottleneck",
            description = "bottleneck or prefix (default: ${DEFAULT-VALUE}).")
    private String kind;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    private Path out;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5", description = "Default: ${DEFAULT-VALUE}.")
    private int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
    private int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "5e-5", description = "Default: ${DEFAULT-VALUE}.")
    private double learningRate;

    @Option(names = "--eval-every", paramLabel = "STEPS", defaultValue = "300",
            description = "Default: ${DEFAULT-VALUE}.")
    private int evalEvery;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Override
    public Integer call() throws IOException {
        backend.install();
        if (!Files.isRegularFile(data)) throw new UserError("--data " + data + ": no such file");
        if ((layer != null ? 1 : 0) + (allLayers ? 1 : 0) + (everyLayer ? 1 : 0) != 1) {
            throw new UserError("give one of --layer L, --all-layers and --every-layer");
        }
        AdapterKind adapterKind = kind();
        if (everyLayer && adapterKind != AdapterKind.BOTTLENECK) {
            throw new UserError("--every-layer trains a bottleneck; --adapter " + kind + " goes in one layer");
        }
        OutputFile.requireFolder("--out", out);
        List<String> documents = data.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                ? CsvColumn.read(data, field) : TextCorpus.readJsonLines(data, field);
        AdapterTrainingSettings settings;
        try {
            settings = AdapterTrainingSettings.defaults().withEpochs(epochs).withBatchSize(batchSize)
                    .withLearningRate(learningRate).withEvalEvery(evalEvery).withSeed(seed);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        try (LanguageModel model = modelOption.load()) {
            int layers = model.config().numLayers();
            if (layer != null && (layer < 0 || layer >= layers)) {
                throw new UserError("--layer " + layer + ": this model has layers 0 to " + (layers - 1));
            }
            System.out.printf(Locale.ROOT, "%d texts from %s; %s adapter, %d epochs, batch %d, lr %s, seed %d%n",
                    documents.size(), data, adapterKind.name().toLowerCase(Locale.ROOT), epochs, batchSize,
                    learningRate, seed);
            if (everyLayer) {
                train(model, LayerAdapter.inEveryLayer(model.transformer(), seed), documents, settings, out);
            } else if (allLayers) {
                for (int l = 0; l < layers; l++) {
                    train(model, LayerAdapter.create(model.transformer(), adapterKind, l, seed), documents, settings,
                            out.resolve("layer-" + l));
                }
            } else {
                train(model, LayerAdapter.create(model.transformer(), adapterKind, layer, seed), documents, settings,
                        out);
            }
        }
        return 0;
    }

    private static void train(LanguageModel model, LayerAdapter adapter, List<String> documents,
                              AdapterTrainingSettings settings, Path folder) throws IOException {
        String name = adapter.layer() == LayerAdapter.EVERY_LAYER ? "every layer" : "layer " + adapter.layer();
        AdapterTrainer.Result result = AdapterTrainer.train(model.transformer(), model.tokenizer(), adapter,
                documents, settings, folder, e -> System.err.printf(Locale.ROOT,
                        "[%s step %d/%d: train loss %.4f, held-out loss %.4f]%n", name, e.step(), e.steps(),
                        e.trainLoss(), e.heldOutLoss()));
        System.out.printf(Locale.ROOT, "%s: %d steps over %d blocks; best held-out loss %.4f after step %d; adapter "
                + "written to %s%n", name, result.steps(), result.trainBlocks(), result.bestLoss(), result.bestStep(),
                folder);
    }

    private AdapterKind kind() {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "bottleneck" -> AdapterKind.BOTTLENECK;
            case "prefix" -> AdapterKind.PREFIX;
            default -> throw new UserError("--adapter " + kind + ": expected bottleneck or prefix");
        };
    }
}
