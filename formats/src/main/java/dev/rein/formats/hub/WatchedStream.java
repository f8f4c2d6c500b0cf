package dev.rein.formats.hub;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A download's body that gives up when no byte has arrived for a while: the JDK's HttpClient has no read timeout, so
 * a connection that stalls would otherwise block forever. A timer closes the body (which ends a blocked read) and the
 * read then fails saying so; the part received stays for the next run to resume. The limit is huggingface_hub's
 * {@code HF_HUB_DOWNLOAD_TIMEOUT}.
 */
final class WatchedStream extends FilterInputStream {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "rein-hub-download-watch");
        thread.setDaemon(true);
        return thread;
    });

    private final Duration limit;
    private final ScheduledFuture<?> watch;
    private volatile long lastDataNanos = System.nanoTime();
    private volatile boolean stalled;

    WatchedStream(InputStream body, Duration limit) {
        super(body);
        this.limit = limit;
        long periodMillis = Math.max(limit.toMillis() / 4, 10);
        this.watch = TIMER.scheduleWithFixedDelay(this::check, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (!stalled && System.nanoTime() - lastDataNanos > limit.toNanos()) {
            stalled = true;
            try {
                in.close();
            } catch (IOException ignored) {
                // the read that fails next reports the stall
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int read = in.read(buffer, offset, length);
            lastDataNanos = System.nanoTime();
            return read;
        } catch (IOException e) {
            if (!stalled) throw e;
            throw new IOException(String.format(Locale.ROOT, "no data for %.1f s (HF_HUB_DOWNLOAD_TIMEOUT)",
                    limit.toMillis() / 1000.0), e);
        }
    }

    @Override
    public void close() throws IOException {
        watch.cancel(false);
        super.close();
    }
}
