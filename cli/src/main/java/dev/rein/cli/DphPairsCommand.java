package dev.rein.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rein.formats.io.AtomicFiles;
import dev.rein.steering.dph.PreferencePair;
import dev.rein.steering.dph.StoryPreferences;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rein dph pairs}: preference pairs with a known truth from the story grammar ({@link StoryPreferences}). */
@Command(name = "pairs", description = {"Write preference pairs of tales, for the embedded default model: the chosen "
        + "continuation is happy, polite and grammatical, the rejected one sad, rude or scrambled; the prompt is the "
        + "shared opening sentence.",
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

    @Override
    public Integer call() throws IOException {
        if (count < 1 || from < 0) throw new UserError("--count must be at least 1 and --from not negative");
        OutputFile.requireFolder("--out", out);
        StringBuilder lines = new StringBuilder();
        for (PreferencePair pair : StoryPreferences.pairs(seed, from, count)) {
            lines.append(JsonNodeFactory.instance.objectNode().put("prompt", pair.prompt())
                    .put("chosen", pair.chosen()).put("rejected", pair.rejected())).append('\n');
        }
        AtomicFiles.write(out, lines.toString().getBytes(StandardCharsets.UTF_8));
        System.out.println("wrote " + count + " pairs to " + out);
        return 0;
    }
}
