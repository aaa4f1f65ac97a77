package dev.herald.hub;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.testkit.Poll;
import dev.herald.transport.InMemoryTransport;
import dev.herald.transport.Transport;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** An {@link InMemoryTransport} that can claim blocking reads, fail reads, or hold id lookups. */
final class TestTransport implements Transport {
    private final InMemoryTransport delegate;
    private final boolean blockingReads;
    private volatile RuntimeException readFailure;
    private volatile CountDownLatch lookupGate = new CountDownLatch(0);

    TestTransport(int historySize, boolean blockingReads) {
        this.delegate = new InMemoryTransport(historySize);
        this.blockingReads = blockingReads;
    }

    /** Every later {@link #readAfter} throws {@code failure}. */
    void failReads(RuntimeException failure) {
        this.readFailure = failure;
    }

    /** Later {@link #sequenceOf} calls wait until the returned latch is counted down. */
    CountDownLatch holdLookups() {
        CountDownLatch gate = new CountDownLatch(1);
        lookupGate = gate;
        return gate;
    }

    @Override
    public CompletionStage<StoredUpdate> append(Update update) {
        return delegate.append(update);
    }

    @Override
    public void listen(Consumer<StoredUpdate> listener) {
        delegate.listen(listener);
    }

    @Override
    public List<StoredUpdate> readAfter(long afterSequence, int limit) {
        RuntimeException failure = readFailure;
        if (failure != null) {
            throw failure;
        }
        return delegate.readAfter(afterSequence, limit);
    }

    @Override
    public OptionalLong sequenceOf(String id) {
        try {
            if (!lookupGate.await(Poll.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("lookup of " + id + " was held too long");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return delegate.sequenceOf(id);
    }

    @Override
    public boolean blockingReads() {
        return blockingReads;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
