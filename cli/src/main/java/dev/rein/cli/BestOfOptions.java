package dev.rein.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.models.LanguageModel;
import dev.rein.models.generation.SamplingSettings;
import dev.rein.steering.dph.BestOfN;
import dev.rein.steering.dph.DphModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code rein generate --best-of N --reward-head DIR}: DPH's inference-time alignment ({@link BestOfN}), an argument
 * group of its own so that it stays out of the rest of generation. The prompt is written in the heads' reply format,
 * N replies are sampled in one batch, and the one the head rewards most is printed.
 */
final class BestOfOptions {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--best-of", required = true, paramLabel = "N",
            description = "Sample N replies and print the one the reward head scores highest.")
    private int n;

    @Option(names = "--reward-head", required = true, paramLabel = "DIR",
            description = "Trained DPH heads (rein dph train's OUT/heads).")
    private Path heads;

    @Option(names = "--reward-name", paramLabel = "NAME", description = "Which of the heads ranks (default: the first).")
    private String name;

    /** Samples, ranks and prints (the best reply, or with {@code json} every candidate and its reward); exit code 0. */
    int generate(LanguageModel model, String prompt, SamplingSettings settings, boolean json) throws IOException {
        if (n < 1) throw new UserError("--best-of must be at least 1, got " + n);
        DphModel dph = DphModels.load(model, "--reward-head", heads);
        String head = name != null ? name : dph.heads().names().getFirst();
        BestOfN.Choice choice;
        try {
            choice = new BestOfN(dph, model.tokenizer(), head).choose(List.of(prompt), settings, n, 1, done -> { })
                    .getFirst();
        } catch (IllegalArgumentException e) {
            throw new UserError("--best-of " + n + ": " + e.getMessage());
        }
        if (json) {
            ObjectNode out = JSON.createObjectNode().put("prompt", prompt).put("reward_head", head)
                    .put("best", choice.best()).put("text", choice.chosen().reply())
                    .put("reward", choice.chosen().reward());
            ArrayNode candidates = out.putArray("candidates");
            choice.candidates().forEach(c -> candidates.addObject().put("text", c.reply()).put("reward", c.reward()));
            System.out.println(JSON.writeValueAsString(out));
        } else {
            System.out.println(prompt + choice.chosen().reply());
            System.err.printf(Locale.ROOT, "[best of %d by %s: candidate %d, reward %.3f; rewards %s]%n", n, head,
                    choice.best() + 1, choice.chosen().reward(), choice.candidates().stream()
                            .map(c -> String.format(Locale.ROOT, "%.3f", c.reward())).toList());
        }
        return 0;
    }
}
