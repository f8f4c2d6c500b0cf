package dev.rein.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.config.GenerationConfig;
import dev.rein.formats.config.ModelConfig;
import dev.rein.formats.safetensors.Checkpoint;
import dev.rein.formats.safetensors.TensorInfo;
import dev.rein.text.tokenizer.Tokenizer;
import dev.rein.text.tokenizer.TokenizerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code rein info DIR} prints about a checkpoint: the architecture from config.json, the parameter count by
 * stored dtype, and the tensors (folded per layer by {@link TensorGroups}, or one line each).
 */
final class CheckpointReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final ModelConfig config;        // null for a bare .safetensors file
    private final GenerationConfig generation;
    private final List<TensorInfo> tensors;
    private final Tokenizer tokenizer;       // null when the folder has no tokenizer.json

    private CheckpointReport(Path path, ModelConfig config, GenerationConfig generation, List<TensorInfo> tensors,
                             Tokenizer tokenizer) {
        this.path = path;
        this.config = config;
        this.generation = generation;
        this.tensors = tensors;
        this.tokenizer = tokenizer;
    }

    /** Reads config.json (for a folder) and every safetensors header; no tensor data is touched. */
    static CheckpointReport read(Path path) throws IOException {
        if (!Files.exists(path)) throw new UserError(path + ": no such file or folder");
        boolean folder = Files.isDirectory(path);
        if (folder && !Files.isRegularFile(path.resolve(ModelConfig.FILE_NAME))) {
            throw new UserError(path + ": not a model folder (it has no " + ModelConfig.FILE_NAME + ")");
        }
        ModelConfig config = folder ? ModelConfig.readFolder(path) : null;
        GenerationConfig generation = folder ? GenerationConfig.readIfPresent(path) : GenerationConfig.EMPTY;
        Tokenizer tokenizer = folder && Files.isRegularFile(path.resolve(Tokenizer.FILE_NAME)) ? Tokenizer.load(path) : null;
        try (Checkpoint checkpoint = Checkpoint.open(path)) {
            List<TensorInfo> tensors = checkpoint.names().stream().map(checkpoint::info).toList();
            return new CheckpointReport(path, config, generation, tensors, tokenizer);
        }
    }

    /** Parameter count per stored dtype, e.g. {BF16=1235814400}. */
    Map<String, Long> parametersByDtype() {
        Map<String, Long> counts = new TreeMap<>();
        for (TensorInfo info : tensors) counts.merge(info.dtype().name(), info.numel(), Long::sum);
        return counts;
    }

    void print(PrintStream out, boolean everyTensor) {
        out.println("checkpoint   " + path);
        if (config != null) {
            config.summary().lines().forEach(line -> out.println("             " + line));
            if (!generation.equals(GenerationConfig.EMPTY)) out.println("generation   " + generation.summary());
            out.println("tokenizer    " + (tokenizer == null ? "none (no tokenizer.json)" : describe(tokenizer)));
        }
        long total = tensors.stream().mapToLong(TensorInfo::numel).sum();
        long bytes = tensors.stream().mapToLong(TensorInfo::byteSize).sum();
        StringBuilder byDtype = new StringBuilder();
        parametersByDtype().forEach((dtype, count) -> byDtype.append(", ").append(dtype).append(' ').append(count(count)));
        out.println("parameters   " + count(total) + " (" + bytes(bytes) + byDtype + ")");
        out.println("tensors      " + tensors.size());
        if (everyTensor) {
            int width = tensors.stream().mapToInt(t -> t.name().length()).max().orElse(0);
            tensors.forEach(t -> out.printf("  %-" + width + "s  %-4s %s%n", t.name(), t.dtype(), Arrays.toString(t.shape())));
        } else {
            List<TensorGroups.Group> groups = TensorGroups.of(tensors);
            int width = groups.stream().mapToInt(g -> g.name().length()).max().orElse(0);
            for (TensorGroups.Group group : groups) {
                String repeat = group.layers().size() > 1 ? "  x" + group.layers().size() : "";
                out.printf("  %-" + width + "s  %-4s %s%s%n", group.name(), group.dtype(), Arrays.toString(group.shape()), repeat);
            }
        }
    }

    private static String describe(Tokenizer tokenizer) {
        TokenizerConfig settings = tokenizer.tokenizerConfig();
        StringBuilder line = new StringBuilder("vocab " + tokenizer.vocabSize());
        if (settings.bosToken() != null) line.append(", bos ").append(settings.bosToken());
        if (settings.eosToken() != null) line.append(", eos ").append(settings.eosToken());
        line.append(settings.chatTemplate() == null ? ", no chat template" : ", chat template");
        return line.toString();
    }

    /** The same facts as one JSON object, for scripts: the raw config, parameters by dtype, every tensor. */
    ObjectNode toJson() {
        ObjectNode out = JSON.createObjectNode().put("path", path.toString());
        if (config != null) {
            out.put("family", config.family().name().toLowerCase(Locale.ROOT)).put("model_type", config.modelType());
            out.set("config", config.raw());
        }
        ObjectNode parameters = out.putObject("parameters");
        parameters.put("total", tensors.stream().mapToLong(TensorInfo::numel).sum());
        parametersByDtype().forEach(parameters::put);
        if (tokenizer != null) {
            TokenizerConfig settings = tokenizer.tokenizerConfig();
            out.putObject("tokenizer").put("vocab_size", tokenizer.vocabSize()).put("bos_token", settings.bosToken())
                    .put("eos_token", settings.eosToken()).put("chat_template", settings.chatTemplate() != null);
        }
        ArrayNode list = out.putArray("tensors");
        for (TensorInfo info : tensors) {
            ArrayNode shape = list.addObject().put("name", info.name()).put("dtype", info.dtype().name()).putArray("shape");
            for (int dim : info.shape()) shape.add(dim);
        }
        return out;
    }

    /** 1234567 -> "1.23M". */
    static String count(long n) {
        if (n < 1_000) return Long.toString(n);
        if (n < 1_000_000) return String.format("%.2fK", n / 1e3);
        if (n < 1_000_000_000) return String.format("%.2fM", n / 1e6);
        return String.format("%.2fB", n / 1e9);
    }

    /** 1536 -> "1.5 KiB". */
    static String bytes(long n) {
        if (n < 1 << 20) return String.format("%.1f KiB", n / 1024.0);
        if (n < 1L << 30) return String.format("%.1f MiB", n / (double) (1 << 20));
        return String.format("%.2f GiB", n / (double) (1L << 30));
    }
}
