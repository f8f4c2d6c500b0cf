package dev.rein.training.trainer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rein.formats.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The training metrics as JSON Lines, one object per step, flushed as each step ends so that the file can be
 * followed while training runs:
 * {@code {"step", "epoch", "loss", "lr", "grad_norm", "tokens", "tokens_per_s"}} plus {@code "eval_loss"} and
 * {@code "eval_perplexity"} on steps followed by an evaluation. Non-finite numbers are written as null.
 *
 * <p>A resumed run keeps the lines up to its checkpoint's step and drops the rest (including a line cut short by a
 * crash), so the log reads as one uninterrupted run.
 */
public final class MetricsLog implements AutoCloseable {
    /** The log's file name in a training output folder. */
    public static final String FILE_NAME = "metrics.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;

    private MetricsLog(BufferedWriter out) {
        this.out = out;
    }

    /**
     * Opens {@code file} for appending after keeping only its complete lines of steps up to {@code keepThroughStep}
     * (0 for a fresh log).
     */
    public static MetricsLog open(Path file, long keepThroughStep) throws IOException {
        StringBuilder kept = new StringBuilder();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                JsonNode row = parse(line);
                if (row != null && row.path("step").asLong(Long.MAX_VALUE) <= keepThroughStep) {
                    kept.append(line).append('\n');
                }
            }
        }
        AtomicFiles.write(file, kept.toString().getBytes(StandardCharsets.UTF_8));
        return new MetricsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    /** Appends one step's line and flushes it. */
    public void write(StepMetrics metrics) {
        ObjectNode row = JSON.createObjectNode();
        row.put("step", metrics.step());
        number(row, "epoch", metrics.epoch());
        number(row, "loss", metrics.loss());
        number(row, "lr", metrics.learningRate());
        number(row, "grad_norm", metrics.gradNorm());
        row.put("tokens", metrics.tokens());
        number(row, "tokens_per_s", metrics.tokensPerSecond());
        if (metrics.eval() != null) {
            number(row, "eval_loss", metrics.eval().loss());
            number(row, "eval_perplexity", metrics.eval().perplexity());
        }
        try {
            out.write(JSON.writeValueAsString(row));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of a log, as JSON objects, skipping a last line cut short. */
    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode row = parse(line);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** The line's object, or null for a blank or incomplete line. */
    private static JsonNode parse(String line) {
        try {
            JsonNode row = line.isBlank() ? null : JSON.readTree(line);
            return row != null && row.isObject() ? row : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static void number(ObjectNode row, String name, double value) {
        if (Double.isFinite(value)) {
            row.put(name, value);
        } else {
            row.putNull(name);
        }
    }
}
