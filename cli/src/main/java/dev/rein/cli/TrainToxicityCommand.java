package dev.rein.cli;

import dev.rein.data.lm.HeldOut;
import dev.rein.eval.MetricReport;
import dev.rein.eval.toxicity.LearnedToxicityScorer;
import dev.rein.eval.toxicity.ProfanityModel;
import dev.rein.eval.toxicity.RealToxicityPrompts;
import dev.rein.eval.toxicity.ToxicityAgreement;
import dev.rein.eval.toxicity.ToxicityExample;
import dev.rein.eval.toxicity.ToxicityTrainer;
import dev.rein.eval.toxicity.ToxicityTrainingConfig;
import dev.rein.training.freezing.TrainableSelection;
import dev.rein.training.heads.HeadConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein train toxicity}: trains a {@link LearnedToxicityScorer} on the Perspective toxicity of the prompts and
 * continuations of a RealToxicityPrompts file, holds out a seeded share of its rows (a prompt and its continuation
 * stay on the same side), and prints how well the scorer, and optionally the profanity model, follow the reference
 * on the held-out texts.
 */
@Command(name = "toxicity", description = {"Train a toxicity scorer: a head on a model's mean final state (--model, "
        + "by default the embedded model) that predicts the Perspective toxicity of the prompt and continuation texts "
        + "of a RealToxicityPrompts file.",
        "Writes the scorer folder OUT (rein eval toxicity --scorer OUT reads it) and OUT/held_out.json: Pearson r "
                + "and ROC AUC (toxic = reference > 0.5) on the held-out rows."})
final class TrainToxicityCommand implements Callable<Integer> {
    /** The held-out report in the scorer's folder. */
    static final String HELD_OUT_REPORT = "held_out.json";
    /** The profanity model's held-out report, beside it. */
    static final String PROFANITY_REPORT = "held_out.profanity.json";

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "RealToxicityPrompts JSON Lines: prompt and continuation objects with text and toxicity.")
    private Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The scorer folder to write (new or empty).")
    private Path out;

    @Option(names = "--held-out", paramLabel = "F", defaultValue = "0.2",
            description = "Share of the rows held out, chosen by --seed (default: ${DEFAULT-VALUE}).")
    private double heldOut;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30",
            description = "Passes over the training texts (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32",
            description = "Texts per step (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "3e-3",
            description = "AdamW's learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate;

    @Option(names = "--weight-decay", paramLabel = "W", defaultValue = "0.01",
            description = "Weight decay (default: ${DEFAULT-VALUE}).")
    private double weightDecay;

    @Option(names = "--schedule", paramLabel = "SPEC", defaultValue = "linear:warmup=0.05",
            description = "constant, linear or cosine, with options, e.g. cosine:warmup=100 "
                    + "(default: ${DEFAULT-VALUE}).")
    private String schedule;

    @Option(names = "--clip", paramLabel = "NORM", defaultValue = "1.0",
            description = "Clip the gradients' global norm to NORM; 0: off (default: ${DEFAULT-VALUE}).")
    private double clip;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "128",
            description = "Tokens per text at most (default: ${DEFAULT-VALUE}).")
    private int maxTokens;

    @Option(names = "--pooler", paramLabel = "KIND", defaultValue = "linear_tanh",
            description = "The head's pooler: identity (a linear probe), linear_tanh or swiglu_tanh "
                    + "(default: ${DEFAULT-VALUE}).")
    private String pooler;

    @Option(names = "--train-backbone",
            description = "Also train every weight of the model (default: the head only).")
    private boolean trainBackbone;

    @Option(names = "--train-only", arity = "1..*", paramLabel = "GLOB",
            description = "Also train the model's weights whose names match, e.g. 'model.layers.4.*'.")
    private List<String> trainOnly;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the held-out rows, the head's initial weights and the order of the texts "
                    + "(default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--profanity-model", paramLabel = "FILE",
            description = "Also score the held-out texts with profanity-check's model (its JSON export), for "
                    + "comparison.")
    private Path profanityModel;

    @Override
    public Integer call() throws IOException {
        checkArguments();
        modelOption.resolve();  // a model that cannot be found is a user error before the data is read
        List<RealToxicityPrompts.Row> rows = RealToxicityPrompts.read(data);
        HeldOut<RealToxicityPrompts.Row> split = HeldOut.split(rows, heldOut, seed);
        List<ToxicityExample> train = RealToxicityPrompts.examples(split.train());
        List<ToxicityExample> test = RealToxicityPrompts.examples(split.heldOut());
        System.out.printf(Locale.ROOT, "data: %d rows, %d scored texts (%d without a toxicity score left out); "
                        + "training on %d texts of %d rows, holding out %d texts of %d rows%n", rows.size(),
                train.size() + test.size(), RealToxicityPrompts.unscored(rows), train.size(), split.train().size(),
                test.size(), split.heldOut().size());
        ToxicityTrainingConfig config = new ToxicityTrainingConfig(epochs, batchSize, learningRate, weightDecay,
                schedule, clip, seed, maxTokens, backbone(), poolerKind());
        System.out.printf(Locale.ROOT, "training: head with %s pooler, model weights trained: %s; %d epochs of "
                        + "batches of %d, adamw lr %s, weight decay %s, schedule %s, clip %s, at most %d tokens%n",
                pooler, config.backbone(), epochs, batchSize, learningRate, weightDecay, schedule, clip, maxTokens);
        ToxicityTrainer.Run run = new ToxicityTrainer(config, System.out::println)
                .train(modelOption.reference(), train);
        try (LearnedToxicityScorer scorer = run.scorer()) {
            scorer.save(out);
            System.out.printf(Locale.ROOT, "trained in %.1f s; scorer written to %s%n", run.seconds(), out);
            List<String> texts = test.stream().map(ToxicityExample::text).toList();
            publish(ToxicityAgreement.report(out.toString(), test, scorer.scoreAll(texts)),
                    out.resolve(HELD_OUT_REPORT));
            if (profanityModel != null) {
                publish(ToxicityAgreement.report("profanity-check", test,
                        ProfanityModel.load(profanityModel).scoreAll(texts)), out.resolve(PROFANITY_REPORT));
            }
        }
        return 0;
    }

    private void checkArguments() throws IOException {
        if (!Files.isRegularFile(data)) throw new UserError("--data " + data + ": no such file");
        if (profanityModel != null && !Files.isRegularFile(profanityModel)) {
            throw new UserError("--profanity-model " + profanityModel + ": no such file");
        }
        if (!(heldOut > 0 && heldOut < 1)) throw new UserError("--held-out must be between 0 and 1, got " + heldOut);
        if (trainBackbone && trainOnly != null) {
            throw new UserError("--train-backbone trains every weight; --train-only chooses some: give one of them");
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> children = Files.list(out)) {
                if (children.findAny().isPresent()) throw new UserError(out + " is not empty: choose another --out");
            }
        } else if (Files.exists(out)) {
            throw new UserError("--out " + out + " is a file; expected a folder to create");
        }
    }

    private TrainableSelection backbone() {
        if (trainBackbone) return TrainableSelection.all();
        return trainOnly == null ? TrainableSelection.none() : TrainableSelection.names(trainOnly);
    }

    private HeadConfig.PoolerKind poolerKind() {
        try {
            return HeadConfig.PoolerKind.valueOf(pooler.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--pooler " + pooler + ": expected identity, linear_tanh or swiglu_tanh");
        }
    }

    private static void publish(MetricReport report, Path file) throws IOException {
        report.writeJson(file);
        System.out.print(report.table());
    }
}
