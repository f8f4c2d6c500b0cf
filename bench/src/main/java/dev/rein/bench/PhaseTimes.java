package dev.rein.bench;

import java.util.Locale;

/**
 * Where the wall time of a piece of work went, by {@link ProfilingBackend.Phase}: the time inside the backend's
 * calls of each phase and how many calls, and what the calls leave over of the wall time (the Java code between the
 * ops: tensor and view objects, allocation, the model's own bookkeeping).
 *
 * @param nanos     time inside calls per phase, indexed by the phase's ordinal
 * @param calls     calls per phase, indexed the same way
 * @param wallNanos wall time of the whole piece of work
 */
public record PhaseTimes(long[] nanos, long[] calls, long wallNanos) {

    /** Wall time outside every backend call. */
    public long outsideNanos() {
        long inside = 0;
        for (long n : nanos) {
            inside += n;
        }
        return wallNanos - inside;
    }

    /**
     * One line per phase and one for the time outside the backend: milliseconds per {@code perUnit} units of work
     * (tokens, say), share of the wall time, and calls per unit.
     */
    public String format(String title, int perUnit, String unit) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-20s %12s %7s %12s%n", title,
                "ms/" + unit, "share", "calls/" + unit));
        for (ProfilingBackend.Phase phase : ProfilingBackend.Phase.values()) {
            line(out, phase.label, nanos[phase.ordinal()], calls[phase.ordinal()], perUnit);
        }
        line(out, "outside the backend", outsideNanos(), -1, perUnit);
        line(out, "total", wallNanos, -1, perUnit);
        return out.toString();
    }

    private void line(StringBuilder out, String label, long phaseNanos, long phaseCalls, int perUnit) {
        out.append(String.format(Locale.ROOT, "  %-18s %12.3f %6.1f%% %12s%n", label, phaseNanos * 1e-6 / perUnit,
                100.0 * phaseNanos / wallNanos,
                phaseCalls < 0 ? "" : String.format(Locale.ROOT, "%.1f", (double) phaseCalls / perUnit)));
    }
}
