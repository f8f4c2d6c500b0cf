package dev.rein.cli;

import dev.rein.models.LanguageModel;
import dev.rein.steering.dph.DphHeads;
import dev.rein.steering.dph.DphModel;
import dev.rein.steering.dph.DphObjective;
import dev.rein.steering.dph.DphPooler;
import dev.rein.steering.dph.DphStep;
import dev.rein.steering.dph.DphTrainer;
import dev.rein.steering.dph.DphTrainingSettings;
import dev.rein.steering.dph.PreferenceFile;
import dev.rein.steering.dph.ReplyFormat;
import dev.rein.steering.dph.ReplyLogProbs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rein dph train}: trains DPH heads, and with {@code --full-backbone} the model, on preference pairs. */
@Command(name = "train", description = {"Train DPH reward heads on preference pairs (JSON Lines: prompt/chosen/rejected"
        + " texts, chosen/rejected message lists, or question/choices/answer rows, which give the answer against a "
        + "seeded random distractor).",
        "Replies are written in the model's chat template (ChatML, or prompt + newline + reply + EOS, without one) "
                + "and the reward is read at the last pool token (default: the end-of-turn token).",
        "Writes OUT/heads (for rein dph eval and rein generate --best-of), OUT/model with --full-backbone, "
                + "OUT/metrics.jsonl and, with --save-every, resumable OUT/checkpoint-N."})
final class DphTrainCommand implements Callable<Integer> {
    private static final int STEP_LINES = 20;

    @Mixin
    private ModelOption model;

    @Option(names = "--pairs", required = true, paramLabel = "FILE", description = "The preference pairs (JSON Lines).")
    private Path pairs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The run's folder.")
    private Path out;

    @Option(names = "--heads", paramLabel = "DIR",
            description = "Start from these trained heads (e.g. a wrapped run's OUT/heads) instead of fresh ones.")
    private Path from;

    @Option(names = "--pooler", paramLabel = "KIND", defaultValue = "swiglu_bert",
            description = "identity, bert, t5, swiglu_bert or swiglu_t5 (default: ${DEFAULT-VALUE}, the wrapped DPH's).")
    private String pooler;

    @Option(names = "--dropout", paramLabel = "P", defaultValue = "0",
            description = "The pooler's dropout (default: ${DEFAULT-VALUE}, the wrapped DPH's).")
    private double dropout;

    @Option(names = "--head", paramLabel = "NAME", defaultValue = DphHeads.DEFAULT_HEAD,
            description = "A reward head's name, repeatable; all train on the pairs (default: ${DEFAULT-VALUE}).")
    private List<String> headNames;

    @Option(names = "--pool-token", paramLabel = "TOKEN",
            description = "The token whose last occurrence is pooled (default: the format's end-of-turn token).")
    private String poolToken;

    @Option(names = "--full-backbone", description = "Train the model too (weights decay toward their initial values).")
    private boolean fullBackbone;

    @Option(names = "--objective", paramLabel = "WHICH", defaultValue = "separable",
            description = "separable or contrastive DPH (default: ${DEFAULT-VALUE}).")
    private String objective;

    @Option(names = "--smoothing", paramLabel = "EPS", defaultValue = "0.1", description = "DPH's label smoothing (default: ${DEFAULT-VALUE}).")
    private double smoothing;

    @Option(names = "--dph-weight", paramLabel = "W", defaultValue = "1", description = "w_dph (default: ${DEFAULT-VALUE}).")
    private double dphWeight;

    @Option(names = "--dpo-weight", paramLabel = "W", defaultValue = "0",
            description = "w_dpo: cDPO on the LM against a frozen copy, with --full-backbone; 0: off (default: ${DEFAULT-VALUE}).")
    private double dpoWeight;

    @Option(names = "--dpo-beta", paramLabel = "B", defaultValue = "0.1", description = "cDPO's beta (default: ${DEFAULT-VALUE}).")
    private double dpoBeta;

    @Option(names = "--dpo-smoothing", paramLabel = "EPS", defaultValue = "0.1", description = "cDPO's label smoothing (default: ${DEFAULT-VALUE}).")
    private double dpoSmoothing;

    @Option(names = "--dpo-logprobs", paramLabel = "sum|mean", defaultValue = "sum",
            description = "How a reply's token log-probabilities add up for cDPO (default: ${DEFAULT-VALUE}).")
    private String dpoLogProbs;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "1e-3", description = "LaProp's rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--weight-decay", paramLabel = "WD", defaultValue = "0.5",
            description = "The backbone's decay toward its initial weights (default: ${DEFAULT-VALUE}).")
    private double weightDecay;

    @Option(names = "--head-weight-decay", paramLabel = "WD", defaultValue = "0.1",
            description = "The heads' decay toward zero (default: ${DEFAULT-VALUE}).")
    private double headWeightDecay;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10", description = "Warmup updates (default: ${DEFAULT-VALUE}).")
    private long warmup;

    @Option(names = "--cooldown-tokens", paramLabel = "N", defaultValue = "0",
            description = "Tokens over which the cosine falls to its floor; 0: all the run reads (default: ${DEFAULT-VALUE}).")
    private long cooldownTokens;

    @Option(names = "--cooldown-ratio", paramLabel = "R", defaultValue = "0.1", description = "The floor (default: ${DEFAULT-VALUE}).")
    private double cooldownRatio;

    @Option(names = "--clip", paramLabel = "NORM", defaultValue = "1", description = "Global gradient norm clip; 0: none (default: ${DEFAULT-VALUE}).")
    private double clip;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "16", description = "Pairs per micro-batch (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--accumulation", paramLabel = "N", defaultValue = "1", description = "Micro-batches per update (default: ${DEFAULT-VALUE}).")
    private int accumulation;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "100", description = "Updates (default: ${DEFAULT-VALUE}).")
    private long steps;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the heads' weights, the pair order, distractors and dropout (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--save-every", paramLabel = "N", defaultValue = "0", description = "Updates between checkpoints; 0: none (default: ${DEFAULT-VALUE}).")
    private long saveEvery;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in --out.")
    private boolean resume;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(pairs)) throw new UserError("--pairs " + pairs + ": no such file");
        if (dpoWeight > 0 && !fullBackbone) throw new UserError("--dpo-weight trains the model: add --full-backbone");
        DphTrainingSettings settings = settings();
        PreferenceFile.Result read = PreferenceFile.read(pairs, seed);
        if (!read.identicalLines().isEmpty()) {
            System.err.println("rein: warning: " + read.identicalLines().size() + " pairs of " + pairs
                    + " have identical chosen and rejected replies and are left out (lines "
                    + lines(read.identicalLines()) + ")");
        }
        Path folder = model.resolve();
        try (LanguageModel policy = fullBackbone ? LanguageModel.load(folder, spec -> true) : LanguageModel.load(folder);
             LanguageModel reference = dpoWeight > 0 ? LanguageModel.load(folder) : null) {
            DphModel dph = from != null ? DphModels.load(policy, "--heads", from) : fresh(policy);
            DphTrainer trainer;
            try {
                trainer = new DphTrainer(dph, reference == null ? null : reference.transformer(), folder,
                        read.pairs(), settings);
            } catch (IllegalArgumentException e) {
                throw new UserError("--pairs " + pairs + ": " + e.getMessage());
            }
            System.out.printf(Locale.ROOT, "%d pairs; %s backbone; heads %s on a %s pooler at %s%n",
                    read.pairs().size(), trainer.wrapped() ? "frozen" : "trained", dph.heads().names(),
                    dph.heads().pooler().label(), dph.heads().poolToken());
            long every = Math.max(1, steps / STEP_LINES);
            Consumer<DphStep> print = step -> {
                if (step.step() % every == 0 || step.step() == steps) System.out.println(line(step));
            };
            DphTrainer.Result result = resume ? trainer.resume(out, print) : trainer.train(out, print);
            System.out.println("heads written to " + result.heads()
                    + result.model().map(m -> ", model to " + m).orElse(""));
        }
        return 0;
    }

    private DphModel fresh(LanguageModel policy) {
        ReplyFormat format = DphModels.format(policy, poolToken);
        DphPooler kind;
        try {
            kind = DphPooler.of(pooler);
        } catch (IllegalArgumentException e) {
            throw new UserError("--pooler: " + e.getMessage());
        }
        DphHeads heads = DphHeads.create(kind, dropout, headNames, policy.config().hiddenSize(),
                policy.config().intermediateSize(), format.poolToken(), format.poolTokenId(), seed);
        return DphModels.of(policy, heads, format);
    }

    private DphTrainingSettings settings() {
        DphObjective which = switch (objective) {
            case "separable" -> DphObjective.SEPARABLE;
            case "contrastive" -> DphObjective.CONTRASTIVE;
            default -> throw new UserError("--objective: expected separable or contrastive, got " + objective);
        };
        ReplyLogProbs reduction = switch (dpoLogProbs) {
            case "sum" -> ReplyLogProbs.SUM;
            case "mean" -> ReplyLogProbs.MEAN;
            default -> throw new UserError("--dpo-logprobs: expected sum or mean, got " + dpoLogProbs);
        };
        return new DphTrainingSettings(which, smoothing, dphWeight, dpoWeight, dpoBeta, dpoSmoothing, reduction,
                learningRate, weightDecay, headWeightDecay, warmup, cooldownTokens, cooldownRatio, clip, batchSize,
                accumulation, steps, seed, saveEvery);
    }

    private static String line(DphStep step) {
        String text = String.format(Locale.ROOT, "step %d: loss %.4f, dph accuracy %.3f margin %.3f", step.step(),
                step.loss(), step.dph().accuracy(), step.dph().margin());
        if (!Double.isNaN(step.dpo().loss())) {
            text += String.format(Locale.ROOT, ", dpo loss %.4f accuracy %.3f margin %.3f", step.dpo().loss(),
                    step.dpo().accuracy(), step.dpo().margin());
        }
        return text + String.format(Locale.ROOT, ", lr %.3g, grad norm %.3g", step.learningRate(), step.gradNorm());
    }

    private static String lines(List<Integer> numbers) {
        List<String> shown = numbers.stream().limit(10).map(String::valueOf).toList();
        return String.join(", ", shown) + (numbers.size() > 10 ? " and " + (numbers.size() - 10) + " more" : "");
    }
}
