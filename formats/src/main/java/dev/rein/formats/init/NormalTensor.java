package dev.rein.formats.init;

import dev.rein.formats.safetensors.StreamedTensor;
import dev.rein.tensor.DType;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;

/**
 * A tensor of normal samples with mean 0 and a given standard deviation, drawn while the writer takes it.
 *
 * <p>Element {@code i} depends only on the seed, the tensor's name and {@code i}: the elements come in blocks of
 * {@value #BLOCK}, each drawn with {@link RandomGenerator#nextGaussian} from its own {@code L64X128MixRandom}
 * seeded by mixing seed, name and block index. So the bytes do not depend on the order tensors are written in,
 * on the shard size or on how many threads draw them, and the blocks of a batch are drawn in parallel. The
 * generator's algorithm is specified bit for bit; its Gaussian transform is the JDK's (a ziggurat, unchanged
 * since JDK 17), so the same seed gives the same bytes on every JDK that keeps it. A BF16 element is the F32
 * element rounded to nearest even.
 */
final class NormalTensor implements StreamedTensor {
    private static final int BLOCK = 1 << 16;
    /** Blocks drawn in parallel before their bytes are handed on: 16 MiB of F32 at most. */
    private static final int BLOCKS_PER_BATCH = 64;
    private static final RandomGeneratorFactory<RandomGenerator> GENERATORS =
            RandomGeneratorFactory.of("L64X128MixRandom");
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long tensorSeed;
    private final double std;
    private final DType dtype;
    private final int[] shape;
    private final MemorySegment scratch;

    /**
     * @param scratch where batches are drawn, shared with the other tensors of the checkpoint (the writer takes
     *                tensors one after the other); at least {@link #scratchBytes} of this tensor's size
     */
    NormalTensor(long seed, String name, double std, DType dtype, int[] shape, MemorySegment scratch) {
        FloatElements.check(dtype);
        this.tensorSeed = mix(seed ^ mix(fnv1a(name)));
        this.std = std;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.scratch = scratch;
    }

    /** The scratch bytes drawing a tensor of {@code numel} elements needs: one batch, or less for a small tensor. */
    static long scratchBytes(long numel, DType dtype) {
        return Math.min(numel, (long) BLOCK * BLOCKS_PER_BATCH) * dtype.byteSize();
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public void writeTo(ByteSink out) throws IOException {
        long numel = byteSize() / dtype.byteSize();
        long blocks = Math.ceilDiv(numel, BLOCK);
        for (long first = 0; first < blocks; first += BLOCKS_PER_BATCH) {
            long firstBlock = first;
            int count = (int) Math.min(BLOCKS_PER_BATCH, blocks - first);
            IntStream.range(0, count).parallel().forEach(slot -> draw(firstBlock + slot, numel, slot));
            long elements = Math.min(numel, (first + count) * BLOCK) - first * BLOCK;
            out.write(scratch.asSlice(0, elements * dtype.byteSize()));
        }
    }

    /** Draws block {@code block} into slot {@code slot} of the batch in the scratch segment. */
    private void draw(long block, long numel, int slot) {
        int length = (int) Math.min(BLOCK, numel - block * BLOCK);
        RandomGenerator random = GENERATORS.create(mix(tensorSeed + block * GOLDEN_GAMMA));
        long start = (long) slot * BLOCK;
        for (int i = 0; i < length; i++) {
            FloatElements.set(scratch, dtype, start + i, (float) (std * random.nextGaussian()));
        }
    }

    /** FNV-1a over the name's UTF-8 bytes: a 64-bit hash that is the same on every JVM. */
    private static long fnv1a(String name) {
        long hash = 0xCBF29CE484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xFF)) * 0x100000001B3L;
        }
        return hash;
    }

    /** SplitMix64's finaliser: spreads every input bit over the whole word, so nearby inputs give unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
