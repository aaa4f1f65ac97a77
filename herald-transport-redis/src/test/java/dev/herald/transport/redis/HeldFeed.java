package dev.herald.transport.redis;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.transport.MissedUpdates;
import dev.herald.transport.Transport;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real {@link RedisTransport} whose feed can be held: once {@link #hold()} is called, the feed
 * thread waits inside the delivery of the next update until {@link #release()}, as a node stalled
 * for long would. Everything else goes to Redis unchanged.
 */
final class HeldFeed implements Transport {
    private final RedisTransport redis;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final CountDownLatch held = new CountDownLatch(1);

    HeldFeed(RedisTransport redis) {
        this.redis = redis;
    }

    void hold() {
        gate = new CountDownLatch(1);
    }

    /** Waits until the feed thread is held on an update. */
    boolean awaitHeld() throws InterruptedException {
        return held.await(10, TimeUnit.SECONDS);
    }

    void release() {
        gate.countDown();
    }

    @Override
    public void listen(Consumer<StoredUpdate> listener) {
        redis.listen(update -> {
            CountDownLatch g = gate;
            if (g.getCount() > 0) {
                held.countDown();
                try {
                    g.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            listener.accept(update);
        });
    }

    @Override
    public void onMissedUpdates(MissedUpdates listener) {
        redis.onMissedUpdates(listener);
    }

    @Override
    public CompletionStage<StoredUpdate> append(Update update) {
        return redis.append(update);
    }

    @Override
    public List<StoredUpdate> readAfter(long afterSequence, int limit) {
        return redis.readAfter(afterSequence, limit);
    }

    @Override
    public OptionalLong sequenceOf(String id) {
        return redis.sequenceOf(id);
    }

    @Override
    public String lastIdAtOpen() {
        return redis.lastIdAtOpen();
    }

    @Override
    public boolean blockingReads() {
        return redis.blockingReads();
    }

    @Override
    public int readConcurrency() {
        return redis.readConcurrency();
    }

    @Override
    public void close() {
        release();
        redis.close();
    }
}
