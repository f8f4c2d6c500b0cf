package dev.rein.tensor.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;

/**
 * Reductions across the work-items of one work-group of {@link #SIZE}, through local memory, as a tree of halving
 * steps. Every work-item must call them (they hold barriers) and every one gets the result.
 */
final class GroupReduce {
    /** Work-items of the row kernels' work-groups; a power of two. */
    static final int SIZE = 128;

    private GroupReduce() {
    }

    static float sum(KernelContext context, float[] scratch, float value) {
        int lid = context.localIdx;
        scratch[lid] = value;
        context.localBarrier();
        for (int step = SIZE / 2; step > 0; step >>= 1) {
            if (lid < step) {
                scratch[lid] = scratch[lid] + scratch[lid + step];
            }
            context.localBarrier();
        }
        float result = scratch[0];
        context.localBarrier();
        return result;
    }

    /** The largest value; NaN when any is NaN. */
    static float max(KernelContext context, float[] scratch, float value) {
        int lid = context.localIdx;
        scratch[lid] = value;
        context.localBarrier();
        for (int step = SIZE / 2; step > 0; step >>= 1) {
            if (lid < step) {
                float a = scratch[lid];
                float b = scratch[lid + step];
                scratch[lid] = DeviceMath.isNaN(a) || DeviceMath.isNaN(b) ? a + b : TornadoMath.max(a, b);
            }
            context.localBarrier();
        }
        float result = scratch[0];
        context.localBarrier();
        return result;
    }

    /** The smallest value; NaN when any is NaN. */
    static float min(KernelContext context, float[] scratch, float value) {
        return -max(context, scratch, -value);
    }
}
