package dev.herald.hub;

import dev.herald.event.StoredUpdate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One lane drain's worth of updates and, for each subscriber they reach, which of them it gets.
 * Matching runs update by update, but delivery then runs subscriber by subscriber, so each
 * connection sees all of its events back to back and can send them in one system call.
 *
 * <p>The per-subscriber lists are chains of ints in shared arrays (heads and tails live in the
 * session as ints): recording a delivery allocates nothing and stores no object reference,
 * which keeps a 10k-subscriber batch cheap for the garbage collector too.
 */
final class DeliveryBatch {
    /** Updates per batch, so a flood still lets the event loop serve its sockets. */
    static final int MAX_UPDATES = 512;
    /** Stop adding updates once this many deliveries are planned; bounds the arrays' growth. */
    static final int MAX_PAIRS = 1 << 16;

    private final StoredUpdate[] updates = new StoredUpdate[MAX_UPDATES];
    private int updateCount;
    private int[] pairUpdate = new int[1024];
    private int[] pairNext = new int[1024];
    private int pairCount;
    private final List<SubscriberSession> sessions = new ArrayList<>();
    /** Events handed to sinks by {@link #deliverTo} since the last {@link #clear}, and their bytes. */
    private int deliveredCount;
    private long deliveredBytes;

    boolean hasRoom() {
        return updateCount < MAX_UPDATES && pairCount < MAX_PAIRS;
    }

    /** Adds an update; returns its index for {@link #plan}. */
    int add(StoredUpdate update) {
        updates[updateCount] = update;
        return updateCount++;
    }

    /** Records that {@code session} receives the update at {@code index}, after those planned so far. */
    void plan(SubscriberSession session, int index) {
        if (pairCount == pairUpdate.length) {
            pairUpdate = Arrays.copyOf(pairUpdate, pairCount * 2);
            pairNext = Arrays.copyOf(pairNext, pairCount * 2);
        }
        int p = pairCount++;
        pairUpdate[p] = index;
        pairNext[p] = -1;
        if (session.batchFirst < 0) {
            session.batchFirst = p;
            sessions.add(session);
        } else {
            pairNext[session.batchLast] = p;
        }
        session.batchLast = p;
    }

    int sessionCount() {
        return sessions.size();
    }

    SubscriberSession session(int i) {
        return sessions.get(i);
    }

    /** Hands {@code session} its planned updates, in publish order, and forgets its plan. */
    void deliverTo(SubscriberSession session) {
        int p = session.batchFirst;
        session.batchFirst = -1;
        session.batchLast = -1;
        for (; p >= 0; p = pairNext[p]) {
            StoredUpdate u = updates[pairUpdate[p]];
            if (session.offer(u)) {
                deliveredCount++;
                deliveredBytes += u.frame().length;
            }
        }
    }

    int deliveredCount() {
        return deliveredCount;
    }

    long deliveredBytes() {
        return deliveredBytes;
    }

    /** Ready for the next drain; the updates become collectable. */
    void clear() {
        for (SubscriberSession s : sessions) {
            s.batchFirst = -1;
            s.batchLast = -1;
        }
        sessions.clear();
        Arrays.fill(updates, 0, updateCount, null);
        updateCount = 0;
        pairCount = 0;
        deliveredCount = 0;
        deliveredBytes = 0;
    }
}
