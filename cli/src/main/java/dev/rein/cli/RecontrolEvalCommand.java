package dev.rein.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.eval.model.ScoringModel;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.steering.recontrol.RecontrolComparison;
import dev.rein.steering.recontrol.RecontrolEvaluation;
import dev.rein.steering.recontrol.ValueGuidance;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rein recontrol eval}: plain and guided generation side by side ({@link RecontrolEvaluation}). */
@Command(name = "eval", description = {"Answer the prompts twice with the same decoding settings and seeds, plainly "
        + "and steered by the value model, and print the mean reward, RE-Control's diversity, distinct-2, coherence "
        + "(the cosine of prompt and response mean final normed states, on --model) and length of each, side by side.",
        "Writes the numbers, both reports and every response pair to --out as JSON."})
final class RecontrolEvalCommand implements Callable<Integer> {
    @Mixin
    private EvalModel model;

    @Option(names = "--value", required = true, paramLabel = "DIR",
            description = "The value model folder (rein recontrol train's --out).")
    private Path valuePath;

    @Mixin
    private GuidanceOptions guidance;

    @Mixin
    private PromptOptions prompts;

    @Mixin
    private DecodingOptions decoding;

    @Mixin
    private RewardOptions reward;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the JSON report goes.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        decoding.requireSamplingChoice();
        OutputFile.requireFolder("--out", out);
        List<String> texts = prompts.texts();
        try (LanguageModel loaded = model.load();
             RewardOptions.Reward chosen = reward.open(loaded)) {
            ScoringModel scoring = model.scoring(loaded);
            ValueGuidance steering = guidance.guidance(loaded, valuePath, "--value");
            SamplingSettings settings = decoding.settings(loaded);
            int total = 2 * texts.size() * settings.numReturnSequences();
            RecontrolComparison comparison = new RecontrolEvaluation(scoring, chosen.scorer(), chosen.text())
                    .compare(texts, settings, steering,
                    done -> System.err.printf(Locale.ROOT, "\rgenerated %d/%d responses", done, total));
            System.err.println();
            comparison.writeJson(out, settings(steering, settings, chosen, texts.size()));
            System.out.printf(Locale.ROOT, "%d prompts x %d samples, %s; RE-Control: %d steps of %s%n%n",
                    texts.size(), settings.numReturnSequences(), chosen.name(), steering.steps(),
                    steering.stepSize());
            System.out.print(comparison.table());
            System.out.println("wrote " + out);
        }
        return 0;
    }

    private ObjectNode settings(ValueGuidance steering, SamplingSettings settings, RewardOptions.Reward chosen,
                                int promptCount) {
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("model", model.name())
                .put("value_model", valuePath.toString())
                .put("steps", steering.steps())
                .put("step_size", steering.stepSize())
                .put("positions", steering.positions().name().toLowerCase(Locale.ROOT));
        if (Double.isFinite(steering.maxEditNorm())) json.put("max_edit_norm", steering.maxEditNorm());
        prompts.describe(json);
        json.put("prompt_count", promptCount)
                .put("reward", chosen.name())
                .put("reward_text", chosen.text().name().toLowerCase(Locale.ROOT))
                .put("coherence", "cosine of mean ln_final.hook_normalized states of prompt and response, on --model");
        json.set("decoding", DecodingOptions.describe(settings));
        return json;
    }
}
