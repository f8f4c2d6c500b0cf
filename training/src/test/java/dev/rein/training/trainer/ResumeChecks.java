package dev.rein.training.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Comparisons of a resumed run's metrics log with an uninterrupted run's. */
final class ResumeChecks {
    /**
     * Relative tolerance on losses. A resumed run repeats the same arithmetic, but the Vector API's kernels are
     * first interpreted and then JIT-compiled, and the compiled lane sums may round differently in the last bits,
     * so two processes (or one process before and after warm-up) can differ by a few ulps that training amplifies
     * slightly over later steps.
     */
    private static final double RELATIVE = 1e-5;

    private ResumeChecks() {
    }

    /** Both logs hold steps 1..N with the same losses and held-out losses. */
    static void sameLosses(Path reference, Path resumed) throws IOException {
        List<JsonNode> expected = MetricsLog.read(reference.resolve(MetricsLog.FILE_NAME));
        List<JsonNode> actual = MetricsLog.read(resumed.resolve(MetricsLog.FILE_NAME));
        assertEquals(expected.size(), actual.size(), "steps logged");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(i + 1, actual.get(i).get("step").asLong(), "step numbers run 1..N without gaps or repeats");
            for (String field : List.of("loss", "eval_loss", "lr")) {
                if (expected.get(i).has(field)) {
                    double want = expected.get(i).get(field).asDouble();
                    assertEquals(want, actual.get(i).get(field).asDouble(), RELATIVE * Math.abs(want),
                            field + " at step " + (i + 1));
                }
            }
        }
    }
}
