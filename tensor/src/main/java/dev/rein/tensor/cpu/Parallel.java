package dev.rein.tensor.cpu;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Splits loops over a range across the cores with long-lived workers (no thread is created per op). Work smaller
 * than a threshold runs inline on the calling thread, since handing it to another core costs more than it saves.
 *
 * <p>A worker stays awake, spinning, for a short while after each piece before it parks. Decoding a token runs
 * about a hundred matrix-vector products of a fraction of a millisecond each, back to back; a worker that had to be
 * woken for each (tens of microseconds on a virtual machine) made two cores slower than one on the smaller ones.
 * One caller at a time uses the workers; a loop that starts while they are busy (another thread's, or a loop
 * inside a piece) runs inline. A piece that its worker has not started by the time the caller finishes its own is
 * run by the caller, so a worker that waits for a core on a busy machine does not hold up the loop.
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
            boolean[] posted = new boolean[pieces];
            for (int p = 1; p < pieces; p++) {
                posted[p] = WORKERS[p - 1].post(body, pieceStart(n, p, pieces), pieceStart(n, p + 1, pieces));
            }
            Throwable failure = runPiece(body, 0, pieceStart(n, 1, pieces));
            for (int p = 1; p < pieces; p++) {
                Throwable pieceFailure = posted[p] ? WORKERS[p - 1].finish()
                        : runPiece(body, pieceStart(n, p, pieces), pieceStart(n, p + 1, pieces));
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

    /** First index of piece {@code p} of {@code pieces} over [0, n): the same split whichever thread runs it. */
    private static int pieceStart(int n, int p, int pieces) {
        return (int) ((long) n * p / pieces);
    }

    /** Runs one piece on this thread; returns what it threw, or null. */
    private static Throwable runPiece(RangeBody body, int start, int end) {
        try {
            body.run(start, end);
            return null;
        } catch (Throwable t) {
            return t;
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

    /**
     * A daemon thread that runs one piece at a time. A posted piece goes to whichever thread takes it first: the
     * worker, or the caller once its own piece is done ({@link #finish}). On a machine with more runnable threads
     * than cores a worker can wait for a core for longer than the whole loop takes on one thread (a 12-head decode
     * step's attention, 0.05 ms of work, took 0.6 ms split in two at load 5 on two cores); the caller then runs the
     * piece itself instead of waiting. The piece's range is the same either way, so are the results.
     */
    private static final class Worker extends Thread {
        private static final int IDLE = 0;       // no piece: post may hand one over
        private static final int POSTED = 1;     // a piece waits for the worker or the caller to take it
        private static final int RUNNING = 2;    // the worker runs the piece
        private static final int RECLAIMED = 3;  // the caller took the piece; the worker has not seen it yet

        private final AtomicInteger state = new AtomicInteger(IDLE);
        private RangeBody body;                  // fields of a piece: written before state turns POSTED
        private int start;
        private int end;
        private Throwable failure;               // written by the worker before state turns IDLE

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        /**
         * Hands the worker a piece; false (and nothing handed over) while it has not yet seen that the caller took
         * its last one.
         */
        boolean post(RangeBody piece, int from, int to) {
            if (state.get() != IDLE) {
                return false;
            }
            body = piece;
            start = from;
            end = to;
            failure = null;
            state.set(POSTED);
            LockSupport.unpark(this);
            return true;
        }

        /** Runs the posted piece here if the worker has not started it, else waits for it; returns what it threw. */
        Throwable finish() {
            if (state.compareAndSet(POSTED, RECLAIMED)) {
                Throwable thrown = runPiece(body, start, end);
                body = null;
                return thrown;
            }
            long yieldAfter = System.nanoTime() + WAIT_SPIN_NANOS;
            while (state.get() == RUNNING) {
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
                awaitPiece();
                if (state.compareAndSet(POSTED, RUNNING)) {
                    failure = runPiece(body, start, end);
                    body = null;
                }
                state.set(IDLE);                 // ends its piece, or acknowledges one the caller took
            }
        }

        /** Spins for a while, then parks, until a piece is posted (or was posted and taken back). */
        private void awaitPiece() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (state.get() == IDLE) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }
}
