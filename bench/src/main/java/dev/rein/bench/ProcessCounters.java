package dev.rein.bench;

import dev.rein.tensor.Storage;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this process has spent so far besides its own work: garbage collections, JIT compilation, CPU time and
 * page faults. The difference of two snapshots around a timed run says what the run paid for, in counts that do not
 * depend on how loaded the machine is (unlike the run's time), which is how a slow run is told from a fast one.
 *
 * @param gcCount       collections so far, all collectors
 * @param gcMillis      milliseconds the collectors report
 * @param jitMillis     milliseconds of JIT compilation (all compiler threads), or -1 where the JVM does not say
 * @param cpuNanos      CPU time of all threads of the process
 * @param minorFaults   minor page faults (a page mapped on first touch), or -1 off Linux
 * @param majorFaults   major page faults (a page read from disk), or -1 off Linux
 * @param newPoolBytes  bytes of new memory allocated for large tensors ({@link Storage#pooledBytesAllocated})
 */
public record ProcessCounters(long gcCount, long gcMillis, long jitMillis, long cpuNanos, long minorFaults,
                              long majorFaults, long newPoolBytes) {
    private static final Path PROC_STAT = Path.of("/proc/self/stat");

    /** The counters now. */
    public static ProcessCounters now() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long jitMillis = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long[] faults = pageFaults();
        return new ProcessCounters(count, millis, jitMillis, cpu, faults[0], faults[1], Storage.pooledBytesAllocated());
    }

    /** This snapshot minus an earlier one. */
    public ProcessCounters since(ProcessCounters earlier) {
        return new ProcessCounters(gcCount - earlier.gcCount, gcMillis - earlier.gcMillis,
                jitMillis < 0 ? -1 : jitMillis - earlier.jitMillis, cpuNanos - earlier.cpuNanos,
                minorFaults < 0 ? -1 : minorFaults - earlier.minorFaults,
                majorFaults < 0 ? -1 : majorFaults - earlier.majorFaults, newPoolBytes - earlier.newPoolBytes);
    }

    /** Minor and major faults from /proc/self/stat (fields 10 and 12), or -1 each where it cannot be read. */
    private static long[] pageFaults() {
        try {
            String stat = Files.readString(PROC_STAT);
            // the command name (field 2) is in parentheses and may hold spaces: count fields after its ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[7]), Long.parseLong(fields[9])};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }
}
