package dev.herald.server.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code max} concurrent holders per key (a client address, a token subject). A key is
 * forgotten when its last holder releases it, so the map only ever holds keys in use.
 */
final class ConcurrencyLimit {
    private final int max;
    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

    ConcurrencyLimit(int max) {
        this.max = max;
    }

    int max() {
        return max;
    }

    /** Takes a slot for {@code key}: false, and nothing taken, when its {@code max} are in use. */
    boolean tryAcquire(String key) {
        boolean[] taken = new boolean[1];
        held.compute(key, (k, n) -> {
            int count = n == null ? 0 : n;
            if (count >= max) {
                return n;
            }
            taken[0] = true;
            return count + 1;
        });
        return taken[0];
    }

    /** Gives back a slot taken with {@link #tryAcquire}; exactly once per slot. */
    void release(String key) {
        held.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Keys with a slot in use. */
    int keys() {
        return held.size();
    }
}
