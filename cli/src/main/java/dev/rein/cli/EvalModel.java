package dev.rein.cli;

import dev.rein.eval.model.ScoringModel;
import dev.rein.models.LanguageModel;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every evaluation that runs a model on text ({@code rein eval} metrics, {@code rein recontrol eval};
 * picocli mixin): the model ({@link ModelOption}, the embedded one by default), which must have a tokenizer since
 * the text is scored, and how many texts go through one forward pass.
 */
final class EvalModel {
    @Mixin
    private ModelOption model;

    @Option(names = "--batch-size", defaultValue = "" + ScoringModel.DEFAULT_BATCH_SIZE, paramLabel = "N",
            description = "Texts per forward pass (default: ${DEFAULT-VALUE}); larger is faster and holds more "
                    + "logits in memory.")
    private int batchSize;

    /** Loads the model (close it when done). */
    LanguageModel load() throws IOException {
        if (batchSize < 1) throw new UserError("--batch-size must be at least 1, not " + batchSize);
        return model.load();
    }

    /** The loaded model as the metrics run it. */
    ScoringModel scoring(LanguageModel loaded) {
        if (!loaded.hasTokenizer()) {
            throw new UserError("--model " + name() + " has no " + Tokenizer.FILE_NAME + ", so text cannot be scored");
        }
        return ScoringModel.of(loaded).withBatchSize(batchSize);
    }

    /** The model as the user named it, recorded in the reports' settings. */
    String name() {
        return model.name();
    }
}
