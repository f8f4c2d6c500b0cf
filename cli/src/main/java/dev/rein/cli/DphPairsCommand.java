package dev.rein.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rein.eval.TextScorer;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.models.LanguageModel;
import dev.rein.models.ModelReference;
import dev.rein.steering.dph.RankedPreferences;
import dev.rein.steering.dph.PreferencePair;
import dev.rein.steering.dph.StoryPreferences;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein dph pairs}: preference pairs with a known truth from the story grammar ({@link StoryPreferences}), or
 * sampled from a model and ranked by VADER ({@link RankedPairsOptions}).
 */
@Command(name = "pairs", description = {"Write preference pairs. --rank tales (the default), for the embedded "
        + "default model: the chosen continuation is happy, polite and grammatical, the rejected one sad, rude or "
        + "scrambled; the prompt is the shared opening sentence.",
        "--rank vader: K continuations of each opening sampled from --model (seeded, batched), the one with the "
                + "highest VADER compound chosen and the lowest rejected; openings whose two scores are closer than "
                + "--min-gap are dropped.",
        "One JSON object per line: {\"prompt\", \"chosen\", \"rejected\"}. The same --seed and --from give the same "
                + "pairs, so a held-out set is another --from."})
final class DphPairsCommand implements Callable<Integer> {
    @Option(names = "--count", required = true, paramLabel = "N", description = "How many pairs.")
    private int count;

    @Option(names = "--from", paramLabel = "I", defaultValue = "0",
            description = "Index of the first pair (default: ${DEFAULT-VALUE}).")
    private int from;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the set (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The JSON Lines file to write.")
    private Path out;

    @Option(names = "--rank", paramLabel = "tales|vader", defaultValue = "tales",
            description = "Where the truth comes from (default: ${DEFAULT-VALUE}).")
    private Rank rank;

    @Mixin
    private ModelOption model;

    @Mixin
    private VaderOption vader;

    @ArgGroup(exclusive = false, heading = "Sampled pairs (--rank vader):%n")
    private RankedPairsOptions sampled;

    /** The rankings there are; {@code --rank} takes their names in lower case. */
    enum Rank { TALES, VADER }

    @Override
    public Integer call() throws IOException {
        if (count < 1 || from < 0) throw new UserError("--count must be at least 1 and --from not negative");
        OutputFile.requireFolder("--out", out);
        List<PreferencePair> pairs = rank == Rank.VADER ? ranked() : tales();
        StringBuilder lines = new StringBuilder();
        for (PreferencePair pair : pairs) {
            lines.append(JsonNodeFactory.instance.objectNode().put("prompt", pair.prompt())
                    .put("chosen", pair.chosen()).put("rejected", pair.rejected())).append('\n');
        }
        AtomicFiles.write(out, lines.toString().getBytes(StandardCharsets.UTF_8));
        System.out.println("wrote " + pairs.size() + " pairs to " + out);
        return 0;
    }

    private List<PreferencePair> tales() {
        if (sampled != null || vader.given() || !ModelReference.DEFAULT.equals(model.name())) {
            throw new UserError("--model, --vader, --prompts, --samples, --min-gap and --max-new-tokens sample "
                    + "pairs: add --rank vader");
        }
        return StoryPreferences.pairs(seed, from, count);
    }

    private List<PreferencePair> ranked() throws IOException {
        TextScorer compound = vader.load().compound();
        try (LanguageModel loaded = model.load()) {
            RankedPreferences.Result result = (sampled != null ? sampled : new RankedPairsOptions())
                    .pairs(loaded, compound, seed, from, count);
            System.out.println(result.dropped() + " of " + count + " openings dropped: their replies' VADER "
                    + "compounds are too close");
            return result.pairs();
        }
    }
}
