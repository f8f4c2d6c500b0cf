package dev.rein.bench;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's two limits sampled again and again, interleaved with the runs they bound. On a shared machine the
 * limits move with other load as much as the runs do (read bandwidth samples of 33 to 79 GB/s minutes apart were
 * seen), so one sample taken after all runs makes a ratio that moves with it; samples taken before, between and after
 * the runs, summarised by their median and range, make a ratio whose denominator saw the same conditions as its
 * numerator, and say when those conditions were too unsteady to trust.
 */
final class LimitSampler {
    /** Iterations of the FMA loop per core for one peak sample of a full run (tens of milliseconds). */
    static final long FMA_ITERATIONS = 20_000_000;
    /** Passes per sample; each sample keeps its best pass, so one preempted pass does not make an outlier. */
    private static final int PASSES = 3;

    private final List<MemorySegment> memory;
    private final long fmaIterations;
    private final List<Double> peaks = new ArrayList<>();
    private final List<Double> bandwidths = new ArrayList<>();

    /**
     * @param memory        what the bandwidth samples stream: the memory the measured kernels read (model weights)
     * @param fmaIterations iterations of the FMA loop per core in one peak sample
     */
    LimitSampler(List<MemorySegment> memory, long fmaIterations) {
        this.memory = List.copyOf(memory);
        this.fmaIterations = fmaIterations;
    }

    /** Takes one sample of each limit. */
    void sample() {
        peaks.add(MachineLimits.peakGflops(fmaIterations, PASSES));
        bandwidths.add(MachineLimits.readBandwidthGBs(memory, PASSES));
    }

    /** F32 FMA peak samples, GFLOP/s. */
    Spread peak() {
        return Spread.of(peaks.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Read bandwidth samples, GB/s. */
    Spread bandwidth() {
        return Spread.of(bandwidths.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
