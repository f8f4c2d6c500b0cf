package dev.rein.data.stories;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes a story corpus as JSONL, one story per line in index order:
 *
 * <pre>
 * {"text":"Once upon a time, ...","sentiment":"positive","politeness":"polite","sentences":8,"words":74,"seed":-49}
 * </pre>
 *
 * {@code words} is {@link WordCount#of}, {@code seed} gives the story again through
 * {@link StoryGenerator#story(long)}. The file is replaced atomically ({@link AtomicFiles}): readers see the old
 * file or the whole new one. Stories are generated in chunks, so a corpus of any size needs little memory.
 */
public final class StoryCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 8192;

    /**
     * What a corpus holds.
     *
     * @param stories      the number of stories
     * @param words        their words in all ({@link WordCount#of})
     * @param sentences    their sentences in all
     * @param bySentiment  stories of each sentiment
     * @param byPoliteness stories of each politeness
     */
    public record Summary(int stories, long words, long sentences, Map<Sentiment, Integer> bySentiment,
                          Map<Politeness, Integer> byPoliteness) {
        public Summary {
            bySentiment = Collections.unmodifiableMap(new EnumMap<>(bySentiment));
            byPoliteness = Collections.unmodifiableMap(new EnumMap<>(byPoliteness));
        }
    }

    private StoryCorpus() {
    }

    /**
     * Writes stories 0 to {@code count - 1} of the corpus of {@code seed} ({@link StoryGenerator#stories}) to
     * {@code file}, whose folder must exist.
     *
     * @throws IllegalArgumentException when {@code count} is negative
     */
    public static Summary write(Path file, long seed, int count) throws IOException {
        if (count < 0) throw new IllegalArgumentException("the number of stories must not be negative: " + count);
        Tally tally = new Tally();
        AtomicFiles.write(file, channel -> {
            Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
            for (int from = 0; from < count; from += CHUNK) {
                for (Story story : StoryGenerator.stories(seed, from, Math.min(CHUNK, count - from))) {
                    out.write(jsonLine(story));
                    out.write('\n');
                    tally.add(story);
                }
            }
            out.flush(); // not closed: AtomicFiles still forces the channel to disk
        });
        return tally.summary();
    }

    /** The JSON object of one story, on one line (JsonNode.toString writes JSON). */
    private static String jsonLine(Story story) {
        ObjectNode row = JSON.createObjectNode();
        row.put("text", story.text());
        row.put("sentiment", story.sentiment().label());
        row.put("politeness", story.politeness().label());
        row.put("sentences", story.sentences());
        row.put("words", story.words());
        row.put("seed", story.seed());
        return row.toString();
    }

    /** Counts what the stories written so far hold. */
    private static final class Tally {
        private final Map<Sentiment, Integer> bySentiment = new EnumMap<>(Sentiment.class);
        private final Map<Politeness, Integer> byPoliteness = new EnumMap<>(Politeness.class);
        private int stories;
        private long words;
        private long sentences;

        Tally() {
            for (Sentiment sentiment : Sentiment.values()) bySentiment.put(sentiment, 0);
            for (Politeness politeness : Politeness.values()) byPoliteness.put(politeness, 0);
        }

        void add(Story story) {
            stories++;
            words += story.words();
            sentences += story.sentences();
            bySentiment.merge(story.sentiment(), 1, Integer::sum);
            byPoliteness.merge(story.politeness(), 1, Integer::sum);
        }

        Summary summary() {
            return new Summary(stories, words, sentences, bySentiment, byPoliteness);
        }
    }
}
