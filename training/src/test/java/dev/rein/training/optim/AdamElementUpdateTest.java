package dev.rein.training.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector loop of {@link AdamElementUpdate} against its element loop on the same inputs: parameters and both
 * moments must agree bit for bit over several steps, for Adam's L2 penalty and AdamW's decoupled decay, on a range
 * that starts and ends off a vector boundary.
 */
class AdamElementUpdateTest {
    private static final int N = 1000 + 13;
    private static final int STEPS = 4;

    @Test
    void decoupledDecayMatchesElementLoopBitForBit() {
        assertSameAfterSteps(0f, 1 - 1e-3f * 0.1f);
    }

    @Test
    void l2PenaltyMatchesElementLoopBitForBit() {
        assertSameAfterSteps(0.1f, 1f);
    }

    private static void assertSameAfterSteps(float l2Penalty, float keep) {
        try (Arena arena = Arena.ofConfined()) {
            SplittableRandom random = new SplittableRandom(7);
            MemorySegment[] vector = state(arena, random);
            MemorySegment[] element = new MemorySegment[vector.length];
            for (int i = 0; i < vector.length; i++) {
                element[i] = arena.allocate(vector[i].byteSize()).copyFrom(vector[i]);
            }
            for (int step = 1; step <= STEPS; step++) {
                fillGradient(vector[1], random);
                element[1].copyFrom(vector[1]);
                update(vector, step, l2Penalty, keep).run(3, N - 2);
                update(element, step, l2Penalty, keep).runElements(3, N - 2);
                for (int i = 0; i < vector.length; i++) {
                    assertArrayEquals(element[i].toArray(ValueLayout.JAVA_FLOAT),
                            vector[i].toArray(ValueLayout.JAVA_FLOAT), "array " + i + " after step " + step);
                }
            }
        }
    }

    /** value, grad, m, v as torch's AdamW would set them up at step t with lr 1e-3. */
    private static AdamElementUpdate update(MemorySegment[] s, int step, float l2Penalty, float keep) {
        double beta1 = 0.9;
        double beta2 = 0.999;
        return new AdamElementUpdate(s[0], s[1], s[2], s[3], (float) beta1, (float) beta2, (float) (1 - beta1),
                (float) (1 - beta2), 1e-8f, (float) (1e-3 / (1 - Math.pow(beta1, step))),
                (float) Math.sqrt(1 - Math.pow(beta2, step)), l2Penalty, keep);
    }

    private static MemorySegment[] state(Arena arena, SplittableRandom random) {
        MemorySegment[] s = new MemorySegment[4];
        for (int i = 0; i < 4; i++) {
            s[i] = arena.allocate((long) N * Float.BYTES);
        }
        for (int j = 0; j < N; j++) {
            s[0].setAtIndex(ValueLayout.JAVA_FLOAT, j, (float) random.nextGaussian());
        }
        return s;
    }

    /** Gradients over several orders of magnitude, with some exact zeros. */
    private static void fillGradient(MemorySegment grad, SplittableRandom random) {
        for (int j = 0; j < N; j++) {
            float g = j % 17 == 0 ? 0f : (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-6, 2)));
            grad.setAtIndex(ValueLayout.JAVA_FLOAT, j, g);
        }
    }
}
