package dev.rein.bench;

import java.util.Arrays;

/** Wall-clock timing of a repeated operation: warm-up runs, then samples until a time budget is used. */
final class Timing {
    private Timing() {
    }

    /** Best and median seconds per call. */
    record Sample(double best, double median) {
    }

    /**
     * Runs {@code op} {@code warmups} times, then at least 3 times and until {@code budgetSeconds} have passed
     * (at most 200 samples).
     */
    static Sample measure(Runnable op, int warmups, double budgetSeconds) {
        for (int i = 0; i < warmups; i++) {
            op.run();
        }
        double[] samples = new double[200];
        int count = 0;
        long deadline = System.nanoTime() + (long) (budgetSeconds * 1e9);
        while (count < samples.length && (count < 3 || System.nanoTime() < deadline)) {
            long start = System.nanoTime();
            op.run();
            samples[count++] = (System.nanoTime() - start) * 1e-9;
        }
        double[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return new Sample(sorted[0], sorted[count / 2]);
    }
}
