package dev.rein.cli;

import dev.rein.bench.TrainBench;
import dev.rein.formats.config.ModelConfig;
import dev.rein.models.LanguageModel;
import dev.rein.training.freezing.TrainableSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein bench train}: tokens/s of full training steps of a model (its weights as F32 parameters) and the model
 * FLOP utilisation against the FMA peak measured in the same run, with the time of each phase of a step.
 */
@Command(name = "train", description = {"Training tokens/s of a model (F32 parameters, random tokens) and its MFU",
        "(6 x parameters x tokens/s / the measured FMA peak), with forward, loss, backward and update times."})
final class BenchTrainCommand implements Callable<Integer> {
    @Mixin
    private BackendOption backend;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--seq-len", paramLabel = "T", description = "Positions per sequence (default: 256).")
    private int seqLen = TrainBench.Options.DEFAULT.seqLen();

    @Option(names = "--batch", paramLabel = "B", description = "Sequences per step (default: 8).")
    private int batch = TrainBench.Options.DEFAULT.batch();

    @Option(names = "--steps", paramLabel = "N", description = "Measured steps (default: 3).")
    private int steps = TrainBench.Options.DEFAULT.steps();

    @Option(names = "--warmup", paramLabel = "N", description = "Steps run first and not measured (default: 1).")
    private int warmup = TrainBench.Options.DEFAULT.warmup();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random token batches (default: 1).")
    private long seed = TrainBench.Options.DEFAULT.seed();

    @Override
    public Integer call() throws IOException {
        backend.install();
        if (seqLen < 2 || batch < 1 || steps < 1 || warmup < 0) {
            throw new UserError("--seq-len must be at least 2, --batch and --steps at least 1, --warmup at least 0");
        }
        Path folder = modelOption.resolve();
        if (!Files.isDirectory(folder)) {
            throw new UserError("--model " + modelOption.name() + ": expected a Hugging Face model folder (config.json "
                    + "and safetensors weights)");
        }
        ModelConfig config = ModelConfig.readFolder(folder);
        if (seqLen > config.maxPositions()) {
            throw new UserError("--seq-len " + seqLen + " exceeds the model's context of " + config.maxPositions());
        }
        try (LanguageModel model = LanguageModel.load(folder, TrainableSelection.all())) {  // every weight F32
            TrainBench.Report report = TrainBench.run(model.transformer(),
                    new TrainBench.Options(seqLen, batch, steps, warmup, seed), System.err);
            System.out.print(report.format());
        }
        return 0;
    }
}
