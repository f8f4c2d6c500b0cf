package dev.rein.spark;

import dev.rein.data.stories.WordCount;
import dev.rein.eval.TextScorer;
import dev.rein.eval.model.RewardScorer;
import dev.rein.eval.model.ScoringModel;
import dev.rein.eval.sentiment.Vader;
import dev.rein.eval.toxicity.LearnedToxicityScorer;
import dev.rein.eval.toxicity.ProfanityModel;
import dev.rein.eval.toxicity.StoryRudeness;
import dev.rein.eval.sentiment.StorySentiment;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * A scorer as a job ships it: what to open on each executor (Rein's scorers of the eval module, opened once per
 * executor JVM) and the column its scores go to. Files are paths every executor sees.
 */
public sealed interface ScorerSpec extends Serializable {

    /** The column of its scores. */
    String column();

    /** The scorer, opened (called once per executor JVM). */
    TextScorer open() throws IOException;

    /** VADER's pos − neg with the lexicon in folder {@code lexicon} (rein ctrl's sentiment), as {@code vader}. */
    record VaderMargin(String lexicon) implements ScorerSpec {
        public String column() {
            return "vader";
        }

        public TextScorer open() throws IOException {
            return Vader.load(Path.of(lexicon)).polarityMargin();
        }
    }

    /** profanity-check's toxicity probability from its JSON export {@code file}, as {@code toxicity}. */
    record Profanity(String file) implements ScorerSpec {
        public String column() {
            return "toxicity";
        }

        public TextScorer open() throws IOException {
            return ProfanityModel.load(Path.of(file));
        }
    }

    /** The toxicity of a scorer folder written by {@code rein train toxicity}, as {@code toxicity}. */
    record LearnedToxicity(String folder) implements ScorerSpec {
        public String column() {
            return "toxicity";
        }

        public TextScorer open() throws IOException {
            return LearnedToxicityScorer.load(Path.of(folder));
        }
    }

    /** Rudeness in tales of the story grammar (1 or 0), as {@code rudeness}. */
    record Rudeness() implements ScorerSpec {
        public String column() {
            return "rudeness";
        }

        public TextScorer open() {
            return new StoryRudeness();
        }
    }

    /** The sentiment of a tale of the story grammar (+1, 0, −1), as {@code story_sentiment}. */
    record StoryTone() implements ScorerSpec {
        public String column() {
            return "story_sentiment";
        }

        public TextScorer open() {
            return new StorySentiment();
        }
    }

    /** The word count ({@code \w+} runs, as CIE's length metrics count), as {@code words}. */
    record Words() implements ScorerSpec {
        public String column() {
            return "words";
        }

        public TextScorer open() {
            return WordCount::of;
        }
    }

    /** A reward head ({@code rein dph train}, {@code PooledHead}) on {@code model}, as {@code reward}. */
    record Reward(ModelRef model, String head) implements ScorerSpec {
        public String column() {
            return "reward";
        }

        public TextScorer open() throws IOException {
            return RewardScorer.load(ScoringModel.of(ExecutorModels.get(model)), Path.of(head));
        }
    }
}
