package dev.rein.cli;

import dev.rein.eval.PredictionRows;
import dev.rein.eval.model.Coherence;
import dev.rein.models.LanguageModel;
import dev.rein.models.hooks.HookPoints;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rein eval coherence}: RE-Control's prompt-response coherence (see {@link Coherence}). */
@Command(name = "coherence", description = {"RE-Control's coherence: the cosine similarity of each prompt's and "
        + "response's embeddings, averaged.",
        "An embedding is the model's hidden state averaged over the text's own tokens (BOS left out), at the final "
                + "normed state (ln_final.hook_normalized) or, with --layer N, at blocks.N.hook_resid_post."})
final class EvalCoherenceCommand implements Callable<Integer> {
    @Mixin
    private EvalInput input;

    @Mixin
    private EvalModel model;

    @Option(names = "--prompt-field", defaultValue = "prompt", paramLabel = "NAME",
            description = "The field holding the prompt (default: prompt).")
    private String promptField;

    @Option(names = "--response-field", defaultValue = "response", paramLabel = "NAME",
            description = "The field holding the response (default: response).")
    private String responseField;

    @Option(names = "--layer", paramLabel = "N",
            description = "Embed with the residual stream after block N instead of the final normed state.")
    private Integer layer;

    @Override
    public Integer call() throws IOException {
        PredictionRows rows = input.rows();
        List<String> prompts = rows.strings(promptField);
        List<String> responses = rows.strings(responseField);
        try (LanguageModel loaded = model.load()) {
            int layers = loaded.config().numLayers();
            if (layer != null && (layer < 0 || layer >= layers)) {
                throw new UserError("--layer must be 0 to " + (layers - 1) + " for this model, not " + layer);
            }
            Coherence coherence = new Coherence(model.scoring(loaded),
                    layer == null ? HookPoints.FINAL_NORMALIZED : HookPoints.residPost(layer));
            return input.publish(EvalInput.atLines(rows, () -> coherence.score(prompts, responses)).report(model.name()));
        }
    }
}
