package dev.rein.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rein.models.LanguageModel;
import dev.rein.tensor.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the decode benchmark on the tiny stories260K model: every figure is present and sampled (no timing checked). */
class DecodeBenchTest {
    @Test
    void samplesLimitsBetweenRunsAndReportsMedians() throws Exception {
        try (LanguageModel model = LanguageModel.load(SharedData.path("models/stories260K"))) {
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            DecodeBench.Report report = DecodeBench.run(model.transformer(), new DecodeBench.Options(8, 4, 3),
                    new PrintStream(progress, true, StandardCharsets.UTF_8));
            assertEquals(3, report.promptTokensPerSecond().count());
            assertEquals(3, report.decodeTokensPerSecond().count());
            assertEquals(4, report.peakGflops().count(), "a sample after the warm-up and after each run");
            assertEquals(4, report.bandwidthGBs().count());
            assertTrue(report.bandwidthGBs().min() > 0 && report.peakGflops().min() > 0);
            String text = report.format();
            for (String line : new String[] {"prompt (8 tok)", "decode", "FMA peak", "read bandwidth", "load average"}) {
                assertTrue(text.contains(line), () -> "missing " + line + " in\n" + text);
            }
            assertTrue(progress.toString(StandardCharsets.UTF_8).contains("run 3: prompt"));
        }
    }

    @Test
    void weightRegionsCoverEveryWeightByteOnce() throws Exception {
        try (LanguageModel model = LanguageModel.load(SharedData.path("models/stories260K"))) {
            long bytes = DecodeBench.weightRegions(model.transformer()).stream().mapToLong(MemorySegment::byteSize)
                    .sum();
            long expected = model.transformer().weights().parameters().values().stream()
                    .distinct().mapToLong(v -> v.value().numel() * v.value().dtype().byteSize()).sum();
            assertEquals(expected, bytes);
        }
    }
}
