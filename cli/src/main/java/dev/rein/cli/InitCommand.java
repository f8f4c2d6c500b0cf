package dev.rein.cli;

import dev.rein.formats.config.ModelFamily;
import dev.rein.formats.init.RandomCheckpoint;
import dev.rein.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rein init}: a model folder with seeded random weights for a config.json of any family and size, for
 * benchmarks and tests that need real sizes without downloading a model (see {@link RandomCheckpoint}).
 */
@Command(name = "init", description = {"Write a model folder (config.json + model.safetensors) with seeded random weights.",
        "Weights are normal with the config's initializer_range (default 0.02) as standard deviation, biases are 0 "
                + "and norms start at identity. The same config, seed and dtype give byte-identical files. Weights "
                + "over 5 GB are split into shards, as Hugging Face splits them."})
final class InitCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The config.json to build the model from (its model_type decides the architecture).")
    private Path configJson;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write (created if needed).")
    private Path out;

    @Option(names = "--seed", required = true, paramLabel = "N", description = "Seed of the random weights.")
    private long seed;

    @Option(names = "--family", paramLabel = "NAME", description = {
            "Check that the config is of this family: llama, mistral, qwen2, qwen3, gemma, gemma2, gemma3, gpt2."})
    private ModelFamily family;

    @Option(names = "--dtype", paramLabel = "TYPE",
            description = "f32 or bf16 (default: the config's torch_dtype when it is one of them, else f32).")
    private DType dtype;

    @Option(names = "--force", description = "Write into DIR even when it is not empty, replacing its config and weights.")
    private boolean force;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(configJson)) {
            throw new UserError(configJson + ": no such file");
        }
        checkOutputFolder();
        RandomCheckpoint checkpoint = RandomCheckpoint.forConfig(configJson);
        ModelFamily actual = checkpoint.config().family();
        if (family != null && family != actual) {
            throw new UserError(configJson + ": model_type \"" + checkpoint.config().modelType() + "\" is the "
                    + name(actual) + " family, not " + name(family) + " as --family says");
        }
        DType chosen = dtype == null ? checkpoint.defaultDType() : dtype;
        if (chosen != DType.F32 && chosen != DType.BF16) {
            throw new UserError("--dtype must be f32 or bf16, not " + name(chosen));
        }
        long start = System.nanoTime();
        RandomCheckpoint.Summary summary = checkpoint.write(out, seed, chosen);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %s parameters, %s, seed %d%n", checkpoint.config().modelType(),
                CheckpointReport.count(summary.parameters()), name(chosen), seed);
        System.out.printf(Locale.ROOT, "wrote %s: %s (%s) in %.1f s%n", out,
                summary.files().stream().map(file -> file.getFileName().toString()).collect(Collectors.joining(", ")),
                CheckpointReport.bytes(summary.bytes()), seconds);
        return 0;
    }

    private void checkOutputFolder() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserError(out + ": exists and is not a folder");
        }
        if (Files.isDirectory(out) && !force) {
            try (Stream<Path> children = Files.list(out)) {
                if (children.findAny().isPresent()) {
                    throw new UserError(out + ": the folder is not empty; pass --force to replace its config and weights");
                }
            }
        }
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
