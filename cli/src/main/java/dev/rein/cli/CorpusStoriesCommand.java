package dev.rein.cli;

import dev.rein.data.stories.Politeness;
import dev.rein.data.stories.Sentiment;
import dev.rein.data.stories.StoryCorpus;
import dev.rein.data.stories.StoryGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rein corpus stories}: writes generated tales with their attributes as JSONL (see {@link StoryCorpus}). */
@Command(name = "stories", description = {"Write generated tales as JSONL, one per line: "
        + "{\"text\", \"sentiment\", \"politeness\", \"sentences\", \"words\", \"seed\"}.",
        "Each tale's sentiment (positive/negative) and politeness (polite/rude) are drawn half and half, its length "
                + "from " + StoryGenerator.MIN_SENTENCES + " to " + StoryGenerator.MAX_SENTENCES + " sentences; "
                + "words count the \\w+ runs. The same count and seed give the same file."})
final class CorpusStoriesCommand implements Callable<Integer> {
    @Option(names = "--count", required = true, paramLabel = "N", description = "How many tales to write.")
    private int count;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of the corpus (default: 0).")
    private long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The JSONL file to write (replaced if it exists); its folder must exist.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        if (count < 1) throw new UserError("--count must be at least 1, not " + count);
        OutputFile.requireFolder("--out", out);
        if (Files.isDirectory(out)) throw new UserError("--out " + out + ": is a folder, not a file");
        long start = System.nanoTime();
        StoryCorpus.Summary summary = StoryCorpus.write(out, seed, count);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "wrote %s: %,d stories, %,d words, %,d sentences, seed %d, in %.1f s%n", out,
                summary.stories(), summary.words(), summary.sentences(), seed, seconds);
        System.out.printf(Locale.ROOT, "sentiment: %,d positive, %,d negative%n",
                summary.bySentiment().get(Sentiment.POSITIVE), summary.bySentiment().get(Sentiment.NEGATIVE));
        System.out.printf(Locale.ROOT, "politeness: %,d polite, %,d rude%n",
                summary.byPoliteness().get(Politeness.POLITE), summary.byPoliteness().get(Politeness.RUDE));
        return 0;
    }
}
