package dev.herald.transport.redis;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test shorthand for appending and reading updates. */
final class Updates {
    private Updates() {}

    static Update update(String id) {
        return Update.builder().id(id).topic("t").data("data of " + id).build();
    }

    /** Appends and waits for Redis to accept it. */
    static StoredUpdate append(Transport t, String id) throws Exception {
        return t.append(update(id)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static List<StoredUpdate> appendAll(Transport t, String prefix, int count) throws Exception {
        List<StoredUpdate> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(append(t, prefix + i));
        }
        return out;
    }

    /** Every retained update, paging like the hub does. */
    static List<StoredUpdate> readAll(Transport t) {
        List<StoredUpdate> all = new ArrayList<>();
        long after = 0;
        List<StoredUpdate> page;
        do {
            page = t.readAfter(after, 100);
            all.addAll(page);
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).sequence();
            }
        } while (page.size() == 100);
        return all;
    }

    static List<String> ids(List<StoredUpdate> updates) {
        return updates.stream().map(u -> u.update().id()).toList();
    }

    static List<Long> sequences(List<StoredUpdate> updates) {
        return updates.stream().map(StoredUpdate::sequence).toList();
    }
}
