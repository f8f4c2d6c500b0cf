package dev.rein.spark;

import dev.rein.eval.TextScorer;
import java.io.IOException;

/** The scorers this JVM has opened, one per {@link ScorerSpec}, shared by the tasks that run here. */
final class ExecutorScorers {
    private static final JvmCache<ScorerSpec, TextScorer> OPENED = new JvmCache<>(ScorerSpec::open);

    private ExecutorScorers() {
    }

    static TextScorer get(ScorerSpec spec) throws IOException {
        return OPENED.get(spec);
    }
}
