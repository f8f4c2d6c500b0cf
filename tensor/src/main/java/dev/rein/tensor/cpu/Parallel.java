package dev.rein.tensor.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Splits loops over a range across the cores with one long-lived pool (no thread is created per op).
 * Work smaller than a threshold runs inline on the calling thread, since handing it to another core costs
 * more than it saves.
 */
public final class Parallel {
    /** Number of workers: one per available core. */
    public static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ForkJoinPool POOL = new ForkJoinPool(THREADS);
    /** Below this many estimated operations a loop is not worth splitting. */
    private static final long MIN_PARALLEL_WORK = 1 << 15;

    private Parallel() {
    }

    /** Body of a split loop: handles indices {@code [start, end)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int start, int end);
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into about one piece per core, when {@code n * workPerItem}
     * is large enough; otherwise runs it inline. Returns when every piece is done.
     */
    public static void forRange(int n, long workPerItem, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int pieces = Math.min(THREADS, n);
        if (pieces == 1 || (long) n * Math.max(1, workPerItem) < MIN_PARALLEL_WORK
                || ForkJoinTask.inForkJoinPool()) {
            body.run(0, n);
            return;
        }
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[pieces - 1];
        for (int p = 1; p < pieces; p++) {
            int start = (int) ((long) n * p / pieces);
            int end = (int) ((long) n * (p + 1) / pieces);
            tasks[p - 1] = POOL.submit(new Piece(body, start, end));
        }
        body.run(0, (int) ((long) n / pieces));
        for (ForkJoinTask<?> task : tasks) {
            task.join();
        }
    }

    private static final class Piece extends RecursiveAction {
        private final RangeBody body;
        private final int start;
        private final int end;

        Piece(RangeBody body, int start, int end) {
            this.body = body;
            this.start = start;
            this.end = end;
        }

        @Override
        protected void compute() {
            body.run(start, end);
        }
    }
}
