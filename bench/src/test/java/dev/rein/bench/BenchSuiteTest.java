package dev.rein.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the suite on tiny sizes: the table and the JSON are complete (no timing is checked). */
class BenchSuiteTest {
    private static final BenchSuite.Plan TINY = new BenchSuite.Plan(10_000, 1 << 20, new int[] {16, 33},
            new int[][] {{8, 16, 24}}, new int[] {64, 40}, new int[] {4, 64}, 0.001);

    @Test
    void printsEveryKernelAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BenchSuite.run(new BenchSuite.Options(true, json), TINY, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        for (String kernel : new String[] {"F32 FMA peak", "Read bandwidth", "gemm f32", "linear f32", "matvec f32",
                "matvec bf16", "softmax", "rms_norm"}) {
            assertTrue(table.contains(kernel), () -> "missing " + kernel + " in\n" + table);
        }
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertTrue(doc.get("peakGflops").asDouble() > 0);
        assertTrue(doc.get("readBandwidthGBs").asDouble() > 0);
        assertTrue(doc.get("peakGflopsRange").get(0).asDouble() <= doc.get("peakGflops").asDouble());
        assertTrue(doc.get("readBandwidthGBsRange").get(1).asDouble() >= doc.get("readBandwidthGBs").asDouble());
        assertTrue(table.contains("4 samples"), table);
        assertEquals(7, doc.get("results").size());
        for (JsonNode row : doc.get("results")) {
            assertTrue(row.get("value").asDouble() > 0, row::toString);
        }
    }
}
