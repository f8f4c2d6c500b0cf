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
    void profileTimesEveryPhaseOfPrefillAndDecodeInsideTheWallTime() throws Exception {
        try (LanguageModel model = LanguageModel.load(SharedData.path("models/stories260K"))) {
            DecodeBench.Profile profile = DecodeBench.profile(model.transformer(), new DecodeBench.Options(8, 4, 1));
            for (PhaseTimes times : new PhaseTimes[] {profile.prefill(), profile.decode()}) {
                for (ProfilingBackend.Phase phase : new ProfilingBackend.Phase[] {ProfilingBackend.Phase.MATMUL,
                        ProfilingBackend.Phase.ATTENTION, ProfilingBackend.Phase.NORM, ProfilingBackend.Phase.ROPE}) {
                    assertTrue(times.calls()[phase.ordinal()] > 0, phase + " ops reached the profiler");
                    assertTrue(times.nanos()[phase.ordinal()] > 0, phase + " took time");
                }
                assertTrue(times.outsideNanos() >= 0, "the calls fit in the wall time");
            }
            // stories260K has 5 layers: a matmul per projection (q, k, v, o, gate, up, down) per layer and the head
            assertEquals(5 * 7 + 1, profile.prefill().calls()[ProfilingBackend.Phase.MATMUL.ordinal()]);
            String text = profile.format();
            for (String line : new String[] {"prefill (8 tok)", "decode (4 tok)", "matmul", "outside the backend"}) {
                assertTrue(text.contains(line), () -> "missing " + line + " in\n" + text);
            }
        }
    }

    @Test
    void batchedDecodingReportsBothRatesAndTheirRatioPerRound() throws Exception {
        try (LanguageModel model = LanguageModel.load(SharedData.path("models/stories260K"))) {
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            DecodeBench.BatchReport report = DecodeBench.batched(model.transformer(), new DecodeBench.Options(6, 4, 2),
                    3, new PrintStream(progress, true, StandardCharsets.UTF_8));
            assertEquals(3, report.rows());
            assertEquals(2, report.ratio().count());
            assertTrue(report.oneRowPerSecond().min() > 0 && report.batchPerSecond().min() > 0);
            String lines = progress.toString(StandardCharsets.UTF_8);
            assertTrue(lines.contains("warm-up: decode 1 row") && lines.contains("run 2: decode 1 row"), lines);
            assertTrue(report.format().contains("3 rows"), report.format());
            String profile = DecodeBench.profileBatched(model.transformer(), new DecodeBench.Options(6, 4, 1), 3);
            assertTrue(profile.contains("3 rows together (4 steps)") && profile.contains("matmul"), profile);
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
