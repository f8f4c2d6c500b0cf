package dev.rein.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.gguf.GgufCheckpoint;
import dev.rein.formats.gguf.GgufFile;
import dev.rein.formats.gguf.GgufTensorInfo;
import dev.rein.text.tokenizer.GgufTokenizer;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code rein info FILE.gguf} shows: the model the file holds (as its Hugging Face config), its tokenizer, and
 * its tensors with their ggml types (Q8_0, Q4_K, ...), which the safetensors report has no words for. Reads the
 * header and metadata only; no tensor is decoded.
 */
final class GgufReport {
    private GgufReport() {
    }

    static void print(Path file, PrintStream out, boolean everyTensor, boolean json) throws IOException {
        try (GgufCheckpoint checkpoint = GgufCheckpoint.open(file)) {
            GgufFile gguf = checkpoint.file();
            Tokenizer tokenizer = GgufTokenizer.present(gguf.metadata())
                    ? GgufTokenizer.read(file, gguf.metadata()) : null;
            Map<String, long[]> byType = new TreeMap<>(); // type -> {parameters, bytes}
            for (String name : gguf.names()) {
                GgufTensorInfo info = gguf.info(name);
                long[] sums = byType.computeIfAbsent(info.type().name(), type -> new long[2]);
                sums[0] += info.numel();
                sums[1] += info.byteSize();
            }
            if (json) {
                ObjectNode report = new ObjectMapper().createObjectNode().put("path", file.toString())
                        .put("gguf_version", gguf.version())
                        .put("family", checkpoint.config().family().name().toLowerCase(Locale.ROOT));
                report.set("config", checkpoint.config().raw());
                ObjectNode parameters = report.putObject("parameters");
                byType.forEach((type, sums) -> parameters.put(type, sums[0]));
                ArrayNode tensors = report.putArray("tensors");
                for (String name : gguf.names()) {
                    GgufTensorInfo info = gguf.info(name);
                    ArrayNode shape = tensors.addObject().put("name", name).put("type", info.type().name())
                            .putArray("shape");
                    Arrays.stream(info.shape()).forEach(shape::add);
                }
                out.println(report.toPrettyString());
                return;
            }
            out.println("checkpoint   " + file + " (GGUF version " + gguf.version() + ")");
            checkpoint.config().summary().lines().forEach(line -> out.println("             " + line));
            out.println("tokenizer    " + (tokenizer == null ? "none (no tokenizer.ggml.tokens)"
                    : "vocab " + tokenizer.vocabSize() + (tokenizer.tokenizerConfig().chatTemplate() == null
                    ? ", no chat template" : ", chat template")));
            StringBuilder types = new StringBuilder();
            long parameters = 0;
            long bytes = 0;
            for (Map.Entry<String, long[]> entry : byType.entrySet()) {
                types.append(", ").append(entry.getKey()).append(' ')
                        .append(CheckpointReport.count(entry.getValue()[0]));
                parameters += entry.getValue()[0];
                bytes += entry.getValue()[1];
            }
            out.println("parameters   " + CheckpointReport.count(parameters) + " (" + CheckpointReport.bytes(bytes)
                    + types + ")");
            out.println("tensors      " + gguf.names().size());
            if (everyTensor) {
                int width = gguf.names().stream().mapToInt(String::length).max().orElse(0);
                for (String name : gguf.names()) {
                    GgufTensorInfo info = gguf.info(name);
                    out.printf("  %-" + width + "s  %-5s %s%n", name, info.type(), Arrays.toString(info.shape()));
                }
            }
        }
    }
}
