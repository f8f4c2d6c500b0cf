package dev.rein.tensor.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits loops over a range across the cores with long-lived workers (no thread is created per op). Work smaller
 * than a threshold runs inline on the calling thread, since handing it to another core costs more than it saves.
 *
 * <p>A worker stays awake, spinning, for a short while after each piece before it parks. Decoding a token runs
 * about a hundred matrix-vector products of a fraction of a millisecond each, back to back; a worker that had to be
 * woken for each (tens of microseconds on a virtual machine) made two cores slower than one on the smaller ones.
 * One caller at a time uses the workers; a loop that starts while they are busy (another thread's, or a loop
 * inside a piece) runs inline.
 */
public final class Parallel {
    /** Number of cores used: the caller plus {@code THREADS - 1} workers. */
    public static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** Below this many estimated operations a loop is not worth splitting. */
    private static final long MIN_PARALLEL_WORK = 1 << 15;
    /** How long an idle worker spins before it parks. */
    private static final long SPIN_NANOS = 500_000;
    /**
     * How long the caller spins for the other pieces before it also yields its core at each check: when more threads
     * want the cores than there are (other processes on a shared machine), a caller that only spins holds a core the
     * piece it waits for could run on.
     */
    private static final long WAIT_SPIN_NANOS = 50_000;

    private static final Worker[] WORKERS = startWorkers();
    private static final AtomicBoolean BUSY = new AtomicBoolean();

    private Parallel() {
    }

    /** Body of a split loop: handles indices {@code [start, end)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int start, int end);
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into about one piece per core, when {@code n * workPerItem}
     * is large enough; otherwise runs it inline. Returns when every piece is done; an exception thrown by a piece
     * is rethrown here.
     */
    public static void forRange(int n, long workPerItem, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int pieces = Math.min(THREADS, n);
        if (pieces == 1 || (long) n * Math.max(1, workPerItem) < MIN_PARALLEL_WORK
                || !BUSY.compareAndSet(false, true)) {
            body.run(0, n);
            return;
        }
        try {
            for (int p = 1; p < pieces; p++) {
                WORKERS[p - 1].start(body, (int) ((long) n * p / pieces), (int) ((long) n * (p + 1) / pieces));
            }
            Throwable failure = null;
            try {
                body.run(0, (int) ((long) n / pieces));
            } catch (Throwable t) {
                failure = t;
            }
            for (int p = 1; p < pieces; p++) {
                Throwable pieceFailure = WORKERS[p - 1].awaitDone();
                if (failure == null) {
                    failure = pieceFailure;
                }
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        } finally {
            BUSY.set(false);
        }
    }

    private static Worker[] startWorkers() {
        Worker[] workers = new Worker[THREADS - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker("rein-worker-" + (i + 1));
            workers[i].start();
        }
        return workers;
    }

    /** A daemon thread that runs one piece at a time, handed over through volatile fields. */
    private static final class Worker extends Thread {
        private volatile RangeBody body;      // set last by start(): non-null means "a piece is waiting"
        private int start;
        private int end;
        private volatile boolean done = true;
        private volatile Throwable failure;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        void start(RangeBody piece, int from, int to) {
            start = from;
            end = to;
            failure = null;
            done = false;
            body = piece;                         // publishes start, end and done
            LockSupport.unpark(this);
        }

        Throwable awaitDone() {
            long yieldAfter = System.nanoTime() + WAIT_SPIN_NANOS;
            while (!done) {
                if (System.nanoTime() < yieldAfter) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            return failure;
        }

        @Override
        public void run() {
            while (true) {
                RangeBody piece = awaitPiece();
                try {
                    piece.run(start, end);
                } catch (Throwable t) {
                    failure = t;
                }
                body = null;
                done = true;
            }
        }

        private RangeBody awaitPiece() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            RangeBody piece;
            while ((piece = body) == null) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            return piece;
        }
    }
}
