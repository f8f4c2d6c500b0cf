package dev.rein.spark;

import dev.rein.eval.TextScorer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The scorers this JVM has opened, one per {@link ScorerSpec}, shared by the tasks that run here. */
final class ExecutorScorers {
    private static final Map<ScorerSpec, TextScorer> OPENED = new ConcurrentHashMap<>();

    private ExecutorScorers() {
    }

    static TextScorer get(ScorerSpec spec) throws IOException {
        try {
            return OPENED.computeIfAbsent(spec, s -> {
                try {
                    return s.open();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
