package dev.rein.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Splitting a loop across the workers: each index once, the same pieces every call, failures passed on. */
class ParallelTest {
    private static final long SPLIT = 1 << 20;   // work per item well above the threshold for splitting

    @Test
    void everyIndexRunsOnceInTheSamePiecesEveryCall() {
        for (int n : new int[] {1, 2, 3, 7, 12, 1000}) {
            Set<List<Integer>> expected = new TreeSet<>(ParallelTest::compareRanges);
            int pieces = Math.min(Parallel.THREADS, n);
            for (int p = 0; p < pieces; p++) {
                expected.add(List.of((int) ((long) n * p / pieces), (int) ((long) n * (p + 1) / pieces)));
            }
            // many calls back to back, so that pieces go to a worker still spinning, one parked, or back to the caller
            for (int call = 0; call < 200; call++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(n);
                Set<List<Integer>> ranges = new ConcurrentSkipListSet<>(ParallelTest::compareRanges);
                Parallel.forRange(n, SPLIT, (s, e) -> {
                    ranges.add(List.of(s, e));
                    for (int i = s; i < e; i++) {
                        runs.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, runs.get(i), "n " + n + " call " + call + " index " + i);
                }
                assertEquals(expected, ranges, "n " + n + " call " + call);
            }
        }
    }

    @Test
    void aFailingPieceIsRethrownAndTheNextLoopRuns() {
        for (int failing = 0; failing < 10; failing += 9) {   // the caller's piece, then the last piece
            int at = failing;
            IllegalStateException thrown = new IllegalStateException("piece failed");
            assertSame(thrown, assertThrows(IllegalStateException.class, () -> Parallel.forRange(10, SPLIT, (s, e) -> {
                if (s <= at && at < e) {
                    throw thrown;
                }
            })));
            AtomicIntegerArray runs = new AtomicIntegerArray(10);
            Parallel.forRange(10, SPLIT, (s, e) -> {
                for (int i = s; i < e; i++) {
                    runs.incrementAndGet(i);
                }
            });
            for (int i = 0; i < 10; i++) {
                assertEquals(1, runs.get(i), "index " + i + " after a failure at " + at);
            }
        }
    }

    @Test
    void aLoopInsideAPieceRunsInline() {
        AtomicIntegerArray runs = new AtomicIntegerArray(16);
        Parallel.forRange(4, SPLIT, (s, e) -> {
            for (int i = s; i < e; i++) {
                int row = i;
                Parallel.forRange(4, SPLIT, (s2, e2) -> {
                    for (int j = s2; j < e2; j++) {
                        runs.incrementAndGet(row * 4 + j);
                    }
                });
            }
        });
        for (int i = 0; i < 16; i++) {
            assertEquals(1, runs.get(i), "index " + i);
        }
    }

    private static int compareRanges(List<Integer> a, List<Integer> b) {
        int byStart = Integer.compare(a.get(0), b.get(0));
        return byStart != 0 ? byStart : Integer.compare(a.get(1), b.get(1));
    }
}
