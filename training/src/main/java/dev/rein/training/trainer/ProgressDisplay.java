package dev.rein.training.trainer;

import java.io.Console;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of a training run on stderr: steps done of all, elapsed time and ETA (the {@code progressbar}
 * library's), and the latest loss and tokens per second. Shown only when asked for and stderr is a terminal; a
 * display that is off does nothing, so the trainer calls it unconditionally.
 */
final class ProgressDisplay implements AutoCloseable {
    private final ProgressBar bar;

    private ProgressDisplay(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar at {@code done} of {@code total} steps when {@code wanted} and the terminal allows, else a silent one. */
    static ProgressDisplay open(long done, long total, boolean wanted) {
        Console console = System.console();
        if (!wanted || console == null || !console.isTerminal()) {
            return new ProgressDisplay(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("train")
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUnit(" steps", 1)
                .setUpdateIntervalMillis(500)
                .build();
        bar.stepTo(done);
        return new ProgressDisplay(bar);
    }

    /** Moves the bar to {@code step}, showing the step's loss and speed. */
    void update(StepMetrics metrics) {
        if (bar != null) {
            bar.stepTo(metrics.step());
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f, %.0f tok/s", metrics.loss(),
                    metrics.tokensPerSecond()));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
