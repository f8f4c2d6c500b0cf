package dev.rein.cli;

import dev.rein.eval.TextScorer;
import dev.rein.eval.toxicity.LearnedToxicityScorer;
import dev.rein.eval.toxicity.ProfanityModel;
import dev.rein.eval.toxicity.StoryRudeness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options that choose a toxicity scorer (picocli mixin): profanity-check's model from its JSON export, rudeness
 * in tales of the story grammar ({@link StoryRudeness}, for models trained on them), or a scorer folder written by
 * {@code rein train toxicity}.
 */
final class ToxicityScorerOption {
    private static final String PROFANITY = "profanity";
    private static final String STORIES = "stories";
    private static final String DEFAULT_PROFANITY_MODEL = "data/toxicity/profanity_model.json";

    @Option(names = {"--scorer", "--toxicity-scorer"}, defaultValue = PROFANITY, paramLabel = "profanity|stories|DIR",
            description = "profanity (profanity-check's model, from --profanity-model), stories (1 for a text with a "
                    + "sentence the story grammar words rudely, else 0) or a scorer folder written by rein train "
                    + "toxicity (default: ${DEFAULT-VALUE}).")
    private String scorer;

    @Option(names = "--profanity-model", paramLabel = "FILE",
            description = "profanity-check's model exported as JSON (vectorizer, folds, vocab, coef); Rein does not "
                    + "ship it (default: $REIN_SHARED/" + DEFAULT_PROFANITY_MODEL + ", else ../shared/"
                    + DEFAULT_PROFANITY_MODEL + ").")
    private Path profanityModel;

    /** An open scorer and the name reports give it; close it when done (a learned scorer holds a model). */
    record Opened(TextScorer scorer, String name, AutoCloseable resource) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            resource.close();
        }
    }

    /** Whether --scorer or --profanity-model was given. */
    boolean given() {
        return !scorer.equals(PROFANITY) || profanityModel != null;
    }

    /** The scorer the options choose; missing files are user errors saying what was expected. */
    Opened open() throws IOException {
        if (scorer.equals(PROFANITY)) {
            Path file = profanityModel != null ? profanityModel : SharedDataFolder.resolve(DEFAULT_PROFANITY_MODEL);
            if (!Files.isRegularFile(file)) {
                throw new UserError("--profanity-model " + file + ": no such file; --scorer " + PROFANITY + " needs "
                        + "profanity-check's model exported as JSON, which Rein does not ship (or give --scorer DIR, "
                        + "a scorer trained by rein train toxicity)");
            }
            return new Opened(ProfanityModel.load(file), "profanity-check " + file, () -> { });
        }
        if (profanityModel != null) {
            throw new UserError("--profanity-model is the model of --scorer " + PROFANITY + ", not of --scorer "
                    + scorer);
        }
        if (scorer.equals(STORIES)) {
            return new Opened(new StoryRudeness(), "stories (rude sentences of the story grammar)", () -> { });
        }
        Path folder = Path.of(scorer);
        if (!Files.isDirectory(folder)) {
            throw new UserError("--scorer " + scorer + ": expected \"" + PROFANITY + "\", \"" + STORIES + "\" or a "
                    + "scorer folder written by rein train toxicity");
        }
        LearnedToxicityScorer learned = LearnedToxicityScorer.load(folder);
        return new Opened(learned, folder.toString(), learned);
    }
}
