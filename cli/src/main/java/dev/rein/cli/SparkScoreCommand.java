package dev.rein.cli;

import dev.rein.spark.ModelRef;
import dev.rein.spark.ScorerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein spark score}: scores a text column of every row with Rein's scorers (eval module) on Spark, one new
 * column per scorer; a row without text gets no score (null), never a failed job.
 */
@Command(name = "score", description = {"Score the text of every row of a JSON Lines or Parquet file on Spark "
        + "(the output of rein spark generate, say): one column per --scorer, null where a row has no text."})
final class SparkScoreCommand implements Callable<Integer> {
    /** The scorers there are; --scorer takes their names in lower case, with - for _. */
    enum Kind { WORDS, VADER, PROFANITY, TOXICITY, RUDENESS, STORY_SENTIMENT, REWARD }

    @Mixin
    private SparkJobOptions job;

    @Option(names = "--text-field", paramLabel = "NAME", defaultValue = "text",
            description = "The column to score (default: ${DEFAULT-VALUE}).")
    private String textField;

    @Option(names = "--scorer", required = true, split = ",", paramLabel = "NAME",
            description = "words (word count, CIE's), vader (VADER's pos - neg), profanity (profanity-check's "
                    + "toxicity), toxicity (a rein train toxicity folder, --toxicity-scorer), rudeness or "
                    + "story-sentiment (the story grammar's), reward (a reward head on --model, --reward-head); "
                    + "comma-separated or repeated.")
    private List<String> scorers = new ArrayList<>();

    @Mixin
    private VaderOption vader;

    @Option(names = "--profanity-model", paramLabel = "FILE", description = "profanity-check's model as JSON "
            + "(default: $REIN_SHARED/data/toxicity/profanity_model.json, else ../shared/...).")
    private Path profanityModel;

    @Option(names = "--toxicity-scorer", paramLabel = "DIR", description = "A scorer folder written by rein train "
            + "toxicity, for --scorer toxicity.")
    private Path toxicityScorer;

    @Option(names = "--reward-head", paramLabel = "DIR", description = "A reward head folder (rein dph train), for "
            + "--scorer reward, read on --model.")
    private Path rewardHead;

    @Mixin
    private ModelOption modelOption;

    @Override
    public Integer call() throws IOException {
        job.checkPaths();
        List<ScorerSpec> specs = new ArrayList<>();
        for (String name : scorers) {
            specs.add(spec(kind(name)));
        }
        SparkCli.run(() -> SparkScoreJob.run(job, textField, specs));
        return 0;
    }

    private static Kind kind(String name) {
        try {
            return Kind.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UserError("--scorer " + name + ": expected words, vader, profanity, toxicity, rudeness, "
                    + "story-sentiment or reward");
        }
    }

    private ScorerSpec spec(Kind kind) throws IOException {
        return switch (kind) {
            case WORDS -> new ScorerSpec.Words();
            case VADER -> new ScorerSpec.VaderMargin(vader.folder().toString());
            case PROFANITY -> new ScorerSpec.Profanity(existing("--profanity-model", profanityModel != null
                    ? profanityModel : SharedDataFolder.resolve("data/toxicity/profanity_model.json")));
            case TOXICITY -> new ScorerSpec.LearnedToxicity(existing("--toxicity-scorer", toxicityScorer));
            case RUDENESS -> new ScorerSpec.Rudeness();
            case STORY_SENTIMENT -> new ScorerSpec.StoryTone();
            case REWARD -> {
                ModelRef model = new ModelRef(modelOption.name());
                SparkCli.model(model);
                yield new ScorerSpec.Reward(model, existing("--reward-head", rewardHead));
            }
        };
    }

    /** {@code path} as a string, when it exists; else a user error naming {@code option}. */
    private static String existing(String option, Path path) {
        if (path == null) {
            throw new UserError(option + " is needed by the scorer asked for");
        }
        if (!Files.exists(path)) {
            throw new UserError(option + " " + path + ": no such file or folder");
        }
        return path.toString();
    }
}
