package dev.rein.bench;

import dev.rein.tensor.cpu.Parallel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two ceilings kernels are compared with, measured on this machine: F32 FMA throughput with operands in
 * registers only, and memory read bandwidth streaming a buffer much larger than the caches, both on every core.
 */
public final class MachineLimits {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Independent FMA chains per core: enough to cover FMA latency times the FMA ports. */
    private static final int CHAINS = 12;
    /** Bytes one call of the bandwidth loop sums. */
    private static final long SLICE_BYTES = 4L << 20;

    private MachineLimits() {
    }

    /** F32 GFLOP/s (an FMA counts as 2) of a register-only FMA loop on all cores; best of {@code repeats}. */
    public static double peakGflops(long itersPerCore, int repeats) {
        // compile first, by many short calls: a loop compiled only on-stack while it runs long can come out at
        // half speed (seen in some processes), a normally compiled method does not
        for (int i = 0; i < 20_000; i++) {
            sink(fmaLoop(100));
        }
        double best = 0;
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            Parallel.forRange(Parallel.THREADS, Long.MAX_VALUE / Parallel.THREADS, (s, e) -> {
                for (int t = s; t < e; t++) {
                    sink(fmaLoop(itersPerCore));
                }
            });
            double seconds = (System.nanoTime() - start) * 1e-9;
            best = Math.max(best, 2.0 * CHAINS * F.length() * itersPerCore * Parallel.THREADS / seconds / 1e9);
        }
        return best;
    }

    private static float fmaLoop(long iters) {
        FloatVector m = FloatVector.broadcast(F, 0.999f);
        FloatVector c = FloatVector.broadcast(F, 0.001f);
        FloatVector a0 = FloatVector.broadcast(F, 1f);
        FloatVector a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0;
        FloatVector a11 = a0;
        for (long i = 0; i < iters; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** Memory read bandwidth in GB/s (10^9 bytes) summing a {@code bytes}-long off-heap buffer on all cores. */
    public static double readBandwidthGBs(long bytes, int repeats) {
        return readBandwidthGBs(List.of(streamBuffer(bytes)), repeats);
    }

    /** A {@code bytes}-long off-heap buffer, every page touched, for {@link #readBandwidthGBs(List, int)}. */
    public static MemorySegment streamBuffer(long bytes) {
        MemorySegment buffer = Arena.ofAuto().allocate(bytes, 64);
        buffer.fill((byte) 1);
        return buffer;
    }

    /**
     * Read bandwidth in GB/s summing every byte of {@code regions} on all cores, best of {@code repeats} passes.
     * Given the memory a model's weights live in (a file mapping, anonymous memory, huge pages or not), it is the
     * bandwidth a decoding step that streams those weights can reach: the same pages, the same TLB behaviour.
     */
    public static double readBandwidthGBs(List<MemorySegment> regions, int repeats) {
        long vectorBytes = F.vectorByteSize();
        long chunkBytes = 4 * vectorBytes;
        // every region cut into slices of at most 4 MB of whole groups of four chunks, the unit sum() reads (up to
        // 15 vectors at a region's end are left unread); each core sums a contiguous run of slices
        List<MemorySegment> slices = new ArrayList<>();
        long total = 0;
        for (MemorySegment region : regions) {
            long usable = region.byteSize() / (4 * chunkBytes) * (4 * chunkBytes);
            for (long at = 0; at < usable; at += SLICE_BYTES) {
                long length = Math.min(SLICE_BYTES, usable - at);
                slices.add(region.asSlice(at, length));
                total += length;
            }
        }
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("nothing to read: regions of " + 4 * chunkBytes + " bytes or more needed");
        }
        // compile the loop by many short calls first (see peakGflops), so every timed pass runs the normally
        // compiled loop
        MemorySegment first = slices.getFirst();
        for (int i = 0; i < 20_000; i++) {
            sink(sum(first, 0, Math.min(64, first.byteSize() / chunkBytes)));
        }
        double best = 0;
        int n = slices.size();
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            Parallel.forRange(Parallel.THREADS, Long.MAX_VALUE / Parallel.THREADS, (s, e) -> {
                for (int t = s; t < e; t++) {
                    float sum = 0;
                    for (int i = n * t / Parallel.THREADS; i < n * (t + 1) / Parallel.THREADS; i++) {
                        MemorySegment slice = slices.get(i);
                        sum += sum(slice, 0, slice.byteSize() / chunkBytes);
                    }
                    sink(sum);
                }
            });
            double seconds = (System.nanoTime() - start) * 1e-9;
            best = Math.max(best, total / seconds / 1e9);
        }
        return best;
    }

    /**
     * Sums chunks [fromChunk, toChunk) (4 vectors each) as four concurrent streams, one per quarter of the range:
     * several streams per core keep more prefetchers and misses in flight, as the four-row matrix-vector does.
     */
    private static float sum(MemorySegment buffer, long fromChunk, long toChunk) {
        long vb = F.vectorByteSize();
        long quarter = (toChunk - fromChunk) / 4 * 4 * vb;
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = s0, s2 = s0, s3 = s0;
        long base = fromChunk * 4 * vb;
        for (long at = base, end = base + quarter; at < end; at += vb) {
            s0 = s0.add(FloatVector.fromMemorySegment(F, buffer, at, ByteOrder.LITTLE_ENDIAN));
            s1 = s1.add(FloatVector.fromMemorySegment(F, buffer, at + quarter, ByteOrder.LITTLE_ENDIAN));
            s2 = s2.add(FloatVector.fromMemorySegment(F, buffer, at + 2 * quarter, ByteOrder.LITTLE_ENDIAN));
            s3 = s3.add(FloatVector.fromMemorySegment(F, buffer, at + 3 * quarter, ByteOrder.LITTLE_ENDIAN));
        }
        return s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD);
    }

    private static volatile float sinkValue;

    private static void sink(float v) {
        sinkValue = v;
    }
}
