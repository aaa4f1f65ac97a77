package dev.herald.hub;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A lane-confined list of sessions that iterates like an array. Removal only marks the session
 * closed; the list compacts itself when closed ones make up half of it, so removal is O(1)
 * amortized even for 10k subscribers on one topic.
 */
final class SessionList {
    private SubscriberSession[] items = new SubscriberSession[4];
    private int size;
    private int dead;

    void add(SubscriberSession session) {
        if (size == items.length) {
            compact();
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
        }
        items[size++] = session;
    }

    /** Call after a member was closed. */
    void noteRemoved() {
        if (++dead > 16 && dead * 2 > size) {
            compact();
        }
    }

    /** Live members only. */
    int liveCount() {
        return size - dead;
    }

    void forEachOpen(Consumer<SubscriberSession> action) {
        for (int i = 0; i < size; i++) {
            SubscriberSession s = items[i];
            if (!s.isClosed()) {
                action.accept(s);
            }
        }
    }

    SubscriberSession get(int i) {
        return items[i];
    }

    int rawSize() {
        return size;
    }

    private void compact() {
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (!items[r].isClosed()) {
                items[w++] = items[r];
            }
        }
        Arrays.fill(items, w, size, null);
        size = w;
        dead = 0;
    }
}
