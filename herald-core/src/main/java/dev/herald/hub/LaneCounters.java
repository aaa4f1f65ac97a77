package dev.herald.hub;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One lane's delivery figures. Only the lane's thread adds to them, once per fan-out pass or
 * replay page (never per delivery), so they need no atomic read-modify-write: an opaque store is
 * a plain store on x86 and ARM, and still never shows a reader half of a long.
 */
final class LaneCounters {
    private static final VarHandle DELIVERIES;
    private static final VarHandle BYTES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            DELIVERIES = lookup.findVarHandle(LaneCounters.class, "deliveries", long.class);
            BYTES = lookup.findVarHandle(LaneCounters.class, "bytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long deliveries;
    private long bytes;
    /** Counted during the pass under way, published by {@link #endPass()}; lane thread only. */
    private long passEvents;
    private long passBytes;

    /** Lane thread only: counts deliveries of the pass under way. */
    void count(long events, long eventBytes) {
        passEvents += events;
        passBytes += eventBytes;
    }

    /** Lane thread only: makes the pass's deliveries visible to readers. */
    void endPass() {
        if (passEvents != 0) {
            DELIVERIES.setOpaque(this, deliveries + passEvents);
            BYTES.setOpaque(this, bytes + passBytes);
            passEvents = 0;
            passBytes = 0;
        }
    }

    /** Lane thread only, outside a pass (a replay page): counts and publishes at once. */
    void add(long events, long eventBytes) {
        count(events, eventBytes);
        endPass();
    }

    /** Any thread. */
    long deliveries() {
        return (long) DELIVERIES.getOpaque(this);
    }

    /** Any thread. */
    long bytes() {
        return (long) BYTES.getOpaque(this);
    }
}
