package dev.herald.hub;

import dev.herald.event.Update;
import java.util.Objects;

/** Where a new subscription starts: live only, from the oldest retained update, or after an id. */
public final class ResumePoint {
    /** The reserved id that asks for every retained update. */
    public static final String EARLIEST_ID = Update.EARLIEST;

    private static final ResumePoint LIVE = new ResumePoint(null);
    private static final ResumePoint EARLIEST = new ResumePoint(EARLIEST_ID);

    private final String lastEventId;

    private ResumePoint(String lastEventId) {
        this.lastEventId = lastEventId;
    }

    /** Only updates published from now on. */
    public static ResumePoint live() {
        return LIVE;
    }

    /** Every retained update, then live ones. */
    public static ResumePoint earliest() {
        return EARLIEST;
    }

    /** Updates after {@code lastEventId} (the {@code Last-Event-ID} a client sent). */
    public static ResumePoint after(String lastEventId) {
        Objects.requireNonNull(lastEventId, "lastEventId");
        return EARLIEST_ID.equals(lastEventId) ? EARLIEST : new ResumePoint(lastEventId);
    }

    public boolean isLive() {
        return lastEventId == null;
    }

    public boolean isEarliest() {
        return EARLIEST_ID.equals(lastEventId);
    }

    /** The id the client asked to resume after, or null for {@link #live()}. */
    public String lastEventId() {
        return lastEventId;
    }

    @Override
    public String toString() {
        return lastEventId == null ? "live" : "after " + lastEventId;
    }
}
