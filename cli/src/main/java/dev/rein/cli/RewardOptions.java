package dev.rein.cli;

import dev.rein.eval.TextScorer;
import dev.rein.eval.length.LengthReward;
import dev.rein.eval.length.LengthTarget;
import dev.rein.eval.model.RewardScorer;
import dev.rein.eval.model.ScoringModel;
import dev.rein.models.LanguageModel;
import dev.rein.steering.recontrol.RewardLabels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The reward of {@code rein recontrol label} and {@code rein recontrol eval} (picocli mixin): which scorer turns a
 * response into RE-Control's reward, and which text it reads.
 */
final class RewardOptions {
    /** The rewards there are; {@code --reward} takes their names in lower case. */
    enum Kind { VADER, HEAD, LENGTH, TOXICITY }

    @Option(names = "--reward", required = true, paramLabel = "KIND", description = {"The reward: vader (VADER's "
            + "compound sentiment, -1 to 1), head (a trained head's output, --head), length (minus the distance of "
            + "the \\w+ word count from --target-words), toxicity (minus a toxicity scorer's probability, --scorer)."})
    private String kind;

    @Mixin
    private VaderOption vader;

    @Mixin
    private ToxicityScorerOption toxicity;

    @Option(names = "--head", paramLabel = "DIR",
            description = "With --reward head: the head's folder (pooled_head.json and pooled_head.safetensors).")
    private Path head;

    @Option(names = "--head-model", paramLabel = "MODEL",
            description = "With --reward head: the model the head reads, named as --model is (rein recontrol eval: "
                    + "by default --model).")
    private String headModel;

    @Option(names = "--target-words", paramLabel = "N", description = "With --reward length: the word count wanted.")
    private Integer targetWords;

    @Option(names = "--text", paramLabel = "WHICH", defaultValue = "response",
            description = "What the reward reads: response or prompt_and_response (default: ${DEFAULT-VALUE}).")
    private RewardLabels.Text text;

    /**
     * A chosen reward, open until closed: the scorer, its name for files and reports, and the text it reads.
     *
     * @param resource what the scorer holds (a model it loaded), released by {@link #close}
     */
    record Reward(TextScorer scorer, String name, RewardLabels.Text text, AutoCloseable resource)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            resource.close();
        }
    }

    /**
     * Opens the chosen reward.
     *
     * @param generating the model that generated the responses, which a head reads unless --head-model names
     *                   another; null where the command has none loaded (--head-model is then required)
     */
    Reward open(LanguageModel generating) throws IOException {
        Kind chosen = kind();
        refuseOptionsOfOtherKinds(chosen);
        return switch (chosen) {
            case VADER -> new Reward(vader.load().compound(), "vader compound", text, () -> { });
            case TOXICITY -> {
                ToxicityScorerOption.Opened opened = toxicity.open();
                yield new Reward(opened.scorer().negated(), "minus toxicity: " + opened.name(), text, opened);
            }
            case LENGTH -> {
                if (targetWords == null || targetWords < 0) {
                    throw new UserError("--reward length needs --target-words N (at least 0)");
                }
                yield new Reward(new LengthReward(new LengthTarget.Exact(targetWords)),
                        "length: -|words - " + targetWords + "|", text, () -> { });
            }
            case HEAD -> openHead(generating);
        };
    }

    private Reward openHead(LanguageModel generating) throws IOException {
        if (head == null || !Files.isDirectory(head)) {
            throw new UserError(head == null ? "--reward head needs --head DIR, the head's folder"
                    : "--head " + head + ": no such folder");
        }
        if (headModel == null && generating == null) {
            throw new UserError("--reward head needs --head-model MODEL, the model the head was trained on");
        }
        LanguageModel model = headModel != null
                ? LanguageModel.load(ModelOption.resolve("--head-model", headModel)) : generating;
        AutoCloseable release = headModel != null ? model : () -> { };
        try {
            RewardScorer scorer = RewardScorer.load(ScoringModel.of(model), head);
            return new Reward(scorer, "head " + head + (headModel != null ? " on " + headModel : ""), text, release);
        } catch (IOException | RuntimeException e) {
            if (headModel != null) model.close();
            throw e;
        }
    }

    private Kind kind() {
        try {
            return Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--reward " + kind + ": expected one of " + Arrays.stream(Kind.values())
                    .map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    /** A reward's own options given with another reward are mistakes, not silently ignored. */
    private void refuseOptionsOfOtherKinds(Kind chosen) {
        refuse(chosen, Kind.VADER, vader.given(), "--vader");
        refuse(chosen, Kind.HEAD, head != null || headModel != null, "--head and --head-model");
        refuse(chosen, Kind.LENGTH, targetWords != null, "--target-words");
        refuse(chosen, Kind.TOXICITY, toxicity.given(), "--scorer and --profanity-model");
    }

    private static void refuse(Kind chosen, Kind owner, boolean given, String options) {
        if (given && chosen != owner) {
            throw new UserError(options + ": only with --reward " + owner.name().toLowerCase(Locale.ROOT)
                    + ", not with --reward " + chosen.name().toLowerCase(Locale.ROOT));
        }
    }
}
