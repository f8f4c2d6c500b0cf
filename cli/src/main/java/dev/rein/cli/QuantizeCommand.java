package dev.rein.cli;

import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.gguf.GgufExport;
import dev.rein.formats.gguf.GgufFile;
import dev.rein.formats.gguf.GgufQuantType;
import dev.rein.formats.gguf.GgufTensorType;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.text.tokenizer.GgufVocabulary;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rein quantize}: a Hugging Face model folder written as one GGUF file that llama.cpp and {@code --model}
 * load, its weight matrices quantised per block as ggml's reference quantisers do (see {@link GgufExport}).
 */
@Command(name = "quantize", description = {"Write a model folder as a GGUF file (llama.cpp's format) with quantised "
        + "weights.", "Matrices take --type (rows that do not fill its blocks fall back to Q4_0 or F16); norms and "
        + "biases stay F32. The tokenizer and chat template go into the file. Written to a temporary file and "
        + "renamed into place."})
final class QuantizeCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Mixin
    private ModelOption model;

    @Option(names = "--type", required = true, paramLabel = "TYPE",
            description = "q8_0, q4_0, q4_k or q4_k_m (also f32, f16, bf16: unquantised); the 4-bit types keep the "
                    + "output head in Q6_K as llama-quantize does (docs/gguf.md).")
    private String type;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .gguf file to write.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        GgufQuantType quantType = quantType();
        Path folder = model.resolve();
        if (!Files.isDirectory(folder) || !Files.isRegularFile(folder.resolve(ModelConfig.FILE_NAME))) {
            throw new UserError("--model " + model.name() + ": expected a Hugging Face model folder (config.json "
                    + "and safetensors weights)");
        }
        if (!Files.isRegularFile(folder.resolve(Tokenizer.FILE_NAME))) {
            throw new UserError("--model " + model.name() + ": the folder has no " + Tokenizer.FILE_NAME
                    + "; a GGUF file must hold the tokenizer for llama.cpp to load it");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new UserError("--out " + out + ": the folder " + parent + " does not exist");
        }
        if (Files.isDirectory(out)) throw new UserError("--out " + out + ": is a folder; give a .gguf file name");
        ModelConfig config = ModelConfig.readFolder(folder);
        long start = System.nanoTime();
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            GgufExport.write(out, config, checkpoint, quantType, folder.toAbsolutePath().getFileName().toString(),
                    GgufVocabulary.of(folder, Tokenizer.load(folder), config.vocabSize()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        try (GgufFile written = GgufFile.open(out)) {
            Map<GgufTensorType, Integer> counts = new TreeMap<>();
            for (String name : written.names()) counts.merge(written.info(name).type(), 1, Integer::sum);
            System.out.printf(Locale.ROOT, "wrote %s: %s, %d tensors (%s), %s in %.1f s%n", out, quantType.cliName(),
                    written.names().size(), counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")), CheckpointReport.bytes(Files.size(out)), seconds);
        }
        return 0;
    }

    private GgufQuantType quantType() {
        return Arrays.stream(GgufQuantType.values()).filter(t -> t.cliName().equals(type.toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new UserError("--type " + type + ": expected one of " + Arrays.stream(
                        GgufQuantType.values()).map(GgufQuantType::cliName).collect(Collectors.joining(", "))));
    }
}
