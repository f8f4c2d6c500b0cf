package dev.rein.formats.hub;

import java.io.Console;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The console's {@link DownloadListener}: a bar per file on stderr (the {@code progressbar} library's: KiB or MiB
 * done of all, speed, ETA) when stderr is a terminal, and otherwise one line per file, so that logs stay readable.
 */
final class ConsoleProgress implements DownloadListener {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB"};
    /** The longest file name a bar shows, so that the bar fits a terminal line. */
    private static final int NAME_CHARS = 40;

    @Override
    public FileProgress started(HubRepo repo, String file, long totalBytes, long doneBytes) {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            System.err.println("Downloading " + repo + ": " + file + " (" + size(totalBytes)
                    + (doneBytes > 0 ? ", resuming at " + size(doneBytes) : "") + ")");
            return FileProgress.NONE;
        }
        String name = file.length() > NAME_CHARS ? "..." + file.substring(file.length() - NAME_CHARS + 3) : file;
        int unit = Math.min(unit(totalBytes), 2); // B, KiB or MiB: whole GiB would hide the progress
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(totalBytes)
                .startsFrom(doneBytes, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUnit(" " + UNITS[unit], 1L << (10 * unit))
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .build();
        return new FileProgress() {
            @Override
            public void advanced(long bytes) {
                bar.stepBy(bytes);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /** A byte count for people: {@code 485 B}, {@code 14.9 KiB}, {@code 1.0 MiB}, {@code 2.3 GiB}. */
    static String size(long bytes) {
        int unit = unit(bytes);
        return unit == 0 ? bytes + " B"
                : String.format(Locale.ROOT, "%.1f %s", (double) bytes / (1L << (10 * unit)), UNITS[unit]);
    }

    /** The index in {@link #UNITS} of the largest unit not above {@code bytes}. */
    private static int unit(long bytes) {
        return bytes < 1024 ? 0 : Math.min((63 - Long.numberOfLeadingZeros(bytes)) / 10, UNITS.length - 1);
    }
}
