package dev.rein.cli;

import dev.rein.eval.PredictionRows;
import dev.rein.eval.model.Perplexity;
import dev.rein.models.LanguageModel;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rein eval perplexity}: how well a model predicts texts (see {@link Perplexity}). */
@Command(name = "perplexity", description = {"Perplexity of each text under a model: every token after the first "
        + "(BOS where the tokenizer adds one) is predicted from the ones before.",
        "Reports exp(total NLL / total predicted tokens), the mean NLL, the mean of the texts' own perplexities and "
                + "the token count; a text longer than the model's context is an error (no sliding window)."})
final class EvalPerplexityCommand implements Callable<Integer> {
    @Mixin
    private EvalInput input;

    @Mixin
    private EvalModel model;

    @Option(names = "--field", defaultValue = "text", paramLabel = "NAME",
            description = "The field holding the text (default: text).")
    private String field;

    @Override
    public Integer call() throws IOException {
        PredictionRows rows = input.rows();
        List<String> texts = rows.strings(field);
        try (LanguageModel loaded = model.load()) {
            Perplexity perplexity = new Perplexity(model.scoring(loaded));
            return input.publish(EvalInput.atLines(rows, () -> perplexity.ofTexts(texts)).report(model.name()));
        }
    }
}
