package dev.rein.cli;

import dev.rein.eval.model.ScoringModel;
import dev.rein.models.LanguageModel;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of every evaluation that runs a model on text ({@code rein eval} metrics, {@code rein recontrol eval};
 * picocli mixin): the model folder, which must have a tokenizer since the text is scored, and how many texts go
 * through one forward pass.
 */
final class EvalModel {
    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "The model folder (config.json, safetensors weights, tokenizer.json).")
    private Path folder;

    @Option(names = "--batch-size", defaultValue = "" + ScoringModel.DEFAULT_BATCH_SIZE, paramLabel = "N",
            description = "Texts per forward pass (default: ${DEFAULT-VALUE}); larger is faster and holds more "
                    + "logits in memory.")
    private int batchSize;

    /** Loads the model (close it when done). */
    LanguageModel load() throws IOException {
        if (!Files.exists(folder)) throw new UserError("--model " + folder + ": no such folder");
        if (batchSize < 1) throw new UserError("--batch-size must be at least 1, not " + batchSize);
        return LanguageModel.load(folder);
    }

    /** The loaded model as the metrics run it. */
    ScoringModel scoring(LanguageModel model) {
        if (!model.hasTokenizer()) {
            throw new UserError("--model " + folder + " has no " + Tokenizer.FILE_NAME + ", so text cannot be scored");
        }
        return ScoringModel.of(model).withBatchSize(batchSize);
    }

    /** The folder as given, recorded in the reports' settings. */
    String name() {
        return folder.toString();
    }
}
