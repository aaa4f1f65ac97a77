package dev.herald.transport.redis;

import dev.herald.event.StoredUpdate;
import dev.herald.testkit.Poll;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A transport listener that keeps what it was fed. */
final class RecordingListener implements Consumer<StoredUpdate> {
    private final List<StoredUpdate> seen = new CopyOnWriteArrayList<>();

    @Override
    public void accept(StoredUpdate update) {
        seen.add(update);
    }

    List<StoredUpdate> seen() {
        return List.copyOf(seen);
    }

    /** Waits until at least {@code count} updates arrived; returns all of them. */
    List<StoredUpdate> await(int count) throws InterruptedException {
        Poll.until(() -> seen.size() >= count, Duration.ofSeconds(20),
                () -> "expected " + count + " updates, got " + seen.size());
        return seen();
    }

    /** Watches for {@link Poll#QUIET}: fails if more than {@code count} updates arrive. */
    void assertNothingMoreThan(int count) throws InterruptedException {
        Poll.nothingArrives(() -> seen.size() > count, () -> "updates " + seen.subList(count, seen.size()));
    }
}
