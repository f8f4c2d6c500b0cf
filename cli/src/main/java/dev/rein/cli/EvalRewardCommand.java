package dev.rein.cli;

import dev.rein.eval.PredictionRows;
import dev.rein.eval.model.RewardScorer;
import dev.rein.models.LanguageModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rein eval reward}: the mean reward of texts under a trained head (see {@link RewardScorer}). */
@Command(name = "reward", description = {"Scores each text with a trained head on the model's pooled hidden states "
        + "(a DPH reward head, a reward or value model, saved as pooled_head.json + pooled_head.safetensors).",
        "With --prompt-field the scored text is the prompt followed directly by the text field (prompt + response). "
                + "A DPH head pools at the last <|im_end|>, so its texts must end with it."})
final class EvalRewardCommand implements Callable<Integer> {
    @Mixin
    private EvalInput input;

    @Mixin
    private EvalModel model;

    @Option(names = "--head", required = true, paramLabel = "DIR",
            description = "The head's folder (pooled_head.json and pooled_head.safetensors).")
    private Path head;

    @Option(names = "--field", defaultValue = "text", paramLabel = "NAME",
            description = "The field holding the text, or the response when --prompt-field is given (default: text).")
    private String field;

    @Option(names = "--prompt-field", paramLabel = "NAME",
            description = "A field holding a prompt to put before each text, as is (no separator added).")
    private String promptField;

    @Override
    public Integer call() throws IOException {
        PredictionRows rows = input.rows();
        List<String> texts = texts(rows);
        if (!Files.isDirectory(head)) throw new UserError("--head " + head + ": no such folder");
        try (LanguageModel loaded = model.load()) {
            RewardScorer scorer = RewardScorer.load(model.scoring(loaded), head);
            double[] rewards = EvalInput.atLines(rows, () -> scorer.scoreAll(texts));
            return input.publish(RewardScorer.report(rewards, model.name(), head.toString()));
        }
    }

    private List<String> texts(PredictionRows rows) {
        List<String> texts = rows.strings(field);
        if (promptField == null) return texts;
        List<String> prompts = rows.strings(promptField);
        List<String> joined = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) joined.add(prompts.get(i) + texts.get(i));
        return joined;
    }
}
