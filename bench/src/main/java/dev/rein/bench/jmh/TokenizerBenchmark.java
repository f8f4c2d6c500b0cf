package dev.rein.bench.jmh;

import dev.rein.text.tokenizer.EncodeOption;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rein.text.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding speed of real tokenizers on 1.37 MB of English prose: the answers of the CIE validation set
 * and the preferred responses of the RE-Control data (../shared/data), joined by blank lines. The secondary
 * result {@code encode:megabytes} is the throughput in MB (10^6 UTF-8 bytes) per second.
 *
 * <p>Needs ../shared beside the checkout (or {@code REIN_SHARED} pointing at it), run from the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class TokenizerBenchmark {
    @Param({"gpt2", "llama3", "llama2"})
    public String tokenizerName;

    private Tokenizer tokenizer;
    private String text;
    private double textMegabytes;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Path shared = sharedFolder();
        tokenizer = Tokenizer.load(shared.resolve("tokenizers").resolve(tokenizerName));
        text = corpus(shared);
        textMegabytes = text.getBytes(StandardCharsets.UTF_8).length / 1e6;
    }

    /** Counts the megabytes encoded; JMH reports it per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Encoded {
        public double megabytes;
    }

    @Benchmark
    public int[] encode(Encoded encoded) {
        encoded.megabytes += textMegabytes;
        return tokenizer.encode(text, EncodeOption.WITHOUT_SPECIAL_TOKENS);
    }

    /** The benchmark text: CIE validation answers, then RE-Control preferred responses,
            each followed by a blank line. */
    static String corpus(Path shared) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder corpus = new StringBuilder();
        for (String line : Files.readAllLines(shared.resolve("data/cie/validation.jsonl"))) {
            corpus.append(mapper.readTree(line).get("answer").asText()).append("\n\n");
        }
        for (JsonNode row : mapper.readTree(shared.resolve("data/re_control/dataset_prefer.json").toFile())) {
            corpus.append(row.get("prefer").asText()).append("\n\n");
        }
        return corpus.toString();
    }

    private static Path sharedFolder() {
        String explicit = System.getenv("REIN_SHARED");
        Path folder = explicit != null ? Path.of(explicit) : Path.of("..", "shared").toAbsolutePath().normalize();
        if (!Files.isDirectory(folder.resolve("tokenizers")) || !Files.isDirectory(folder.resolve("data"))) {
            throw new IllegalStateException("TokenizerBenchmark needs the shared test material: " + folder
                    + " has no tokenizers/ and data/; run from the repository root with ../shared beside it, "
                    + "or set REIN_SHARED to its path");
        }
        return folder;
    }
}
