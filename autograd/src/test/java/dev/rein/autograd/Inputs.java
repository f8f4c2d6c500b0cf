package dev.rein.autograd;

import dev.rein.tensor.TensorRandom;
import dev.rein.tensor.Tensor;

/** Deterministic test inputs. */
final class Inputs {
    private Inputs() {
    }

    /** Uniform in [-1, 1]. */
    static Tensor uniform(long seed, int... shape) {
        return new TensorRandom(seed).uniform(-1f, 1f, shape);
    }

    /** Uniform in [low, high]. */
    static Tensor uniform(long seed, float low, float high, int... shape) {
        return new TensorRandom(seed).uniform(low, high, shape);
    }

    /** Uniform magnitudes in [0.2, 1] with random signs: at least 0.2 away from the kink at 0. */
    static Tensor awayFromZero(long seed, int... shape) {
        Tensor magnitude = uniform(seed, 0.2f, 1f, shape);
        Tensor sign = uniform(seed + 1, shape);
        float[] m = magnitude.toFloatArray();
        float[] s = sign.toFloatArray();
        for (int i = 0; i < m.length; i++) {
            m[i] = s[i] < 0 ? -m[i] : m[i];
        }
        return Tensor.of(m, shape);
    }
}
