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

    /** Lane thread only. */
    void add(long events, long eventBytes) {
        if (events != 0) {
            DELIVERIES.setOpaque(this, deliveries + events);
            BYTES.setOpaque(this, bytes + eventBytes);
        }
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
