package dev.rein.steering.cie;

import dev.rein.data.stories.Politeness;
import dev.rein.data.stories.Sentiment;
import dev.rein.data.stories.Story;
import dev.rein.data.stories.StoryGenerator;
import dev.rein.data.stories.WordCount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CIE rows of known length from generated tales ({@link StoryGenerator}, the embedded default model's corpus, in
 * TinyStories' style): a tale's first sentence is the instruction, and each continuation of 1 to all of its other
 * sentences an answer, its {@code \w+} word count the length. The same opening thus comes with several lengths, so
 * only the control tells them apart. Tale {@code seed} has sentiment and politeness by the seed's parity (half and
 * half); the same arguments give the same rows.
 */
public final class TaleRows {
    /** A sentence ends at . ! or ? (a closing quote included) before a capital letter or an opening quote. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?]\"?) (?=[A-Z\"])");

    private TaleRows() {
    }

    /** The rows of tales {@code first} .. {@code first + count - 1} of {@code sentences} sentences each. */
    public static List<CieRow> continuations(long first, int count, int sentences) {
        List<CieRow> rows = new ArrayList<>();
        for (long seed = first; seed < first + count; seed++) {
            String[] parts = sentences(seed, sentences);
            for (int k = 1; k < parts.length; k++) {
                String rest = String.join(" ", Arrays.copyOfRange(parts, 1, 1 + k));
                rows.add(new CieRow(parts[0], rest, WordCount.of(rest)));
            }
        }
        return rows;
    }

    /** The first sentences of the same tales, distinct, in order. */
    public static List<String> openings(long first, int count, int sentences) {
        List<String> openings = new ArrayList<>();
        for (long seed = first; seed < first + count; seed++) {
            String opening = sentences(seed, sentences)[0];
            if (!openings.contains(opening)) {
                openings.add(opening);
            }
        }
        return openings;
    }

    private static String[] sentences(long seed, int sentences) {
        Story story = StoryGenerator.story(seed, Sentiment.values()[(int) (seed % 2)],
                Politeness.values()[(int) (seed / 2 % 2)], sentences);
        return SENTENCE_END.split(story.text());
    }
}
