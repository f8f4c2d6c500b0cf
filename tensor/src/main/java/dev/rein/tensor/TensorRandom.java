package dev.rein.tensor;

/**
 * A documented, reproducible random generator for tensors: SplitMix64 (Steele, Lea and Flood, 2014) gives
 * 64-bit words from a 64-bit seed; uniforms take the top 24 bits as {@code [0, 1)}; normals use the
 * Box-Muller transform on two uniforms, caching nothing, so the n-th draw of a seed is always the same.
 */
public final class TensorRandom {
    private long state;

    public TensorRandom(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 24 bits of precision. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, 1) with 53 bits of precision. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal by Box-Muller (two uniforms per value). */
    public float nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]
        double u2 = nextDouble();
        return (float) (Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2));
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
    }

    /** F32 tensor of normals with the given mean and standard deviation. */
    public Tensor normal(float mean, float std, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (long i = 0, n = t.numel(); i < n; i++) {
            t.storage().segment().setAtIndex(Elements.F32, i, mean + std * nextGaussian());
        }
        return t;
    }

    /** F32 tensor uniform in [low, high). */
    public Tensor uniform(float low, float high, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (long i = 0, n = t.numel(); i < n; i++) {
            t.storage().segment().setAtIndex(Elements.F32, i, low + (high - low) * nextFloat());
        }
        return t;
    }
}
