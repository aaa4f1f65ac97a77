package dev.herald.transport;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Keeps the newest {@code historySize} updates in memory, in a ring indexed by sequence. Fast and
 * simple; everything is lost when the process stops. Each retained update is one packed byte
 * array and the id index is primitive arrays, so a full history costs young collections a block
 * copy per entry rather than a dozen objects (the pauses that decide the delivery latency tail).
 */
public final class InMemoryTransport implements Transport {
    private final int historySize;
    private final ReentrantLock lock = new ReentrantLock();
    /** Slot {@code sequence % historySize} holds that sequence while it is retained. */
    private final byte[][] ring;
    /** Latest retained sequence per id; a publisher may reuse an id. */
    private final IdIndex sequenceById;
    private volatile Consumer<StoredUpdate> listener = u -> {};
    private long lastSequence;
    private boolean closed;

    public InMemoryTransport(int historySize) {
        if (historySize < 0) {
            throw new IllegalArgumentException("historySize must not be negative: " + historySize);
        }
        this.historySize = historySize;
        this.ring = new byte[historySize][];
        this.sequenceById = new IdIndex(historySize, this::packedAt);
    }

    @Override
    public CompletionStage<StoredUpdate> append(Update update) {
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new TransportClosedException());
            }
            StoredUpdate stored = new StoredUpdate(++lastSequence, update);
            if (historySize > 0) {
                ring[(int) (stored.sequence() % historySize)] = PackedUpdate.pack(stored);
                sequenceById.put(update.id(), stored.sequence());
            }
            // Under the lock so the listener sees sequence order and never an update readAfter lacks.
            listener.accept(stored);
            return CompletableFuture.completedFuture(stored);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void listen(Consumer<StoredUpdate> listener) {
        this.listener = listener;
    }

    @Override
    public List<StoredUpdate> readAfter(long afterSequence, int limit) {
        lock.lock();
        try {
            if (afterSequence >= lastSequence) {
                return List.of();
            }
            long firstRetained = Math.max(1, lastSequence - historySize + 1);
            long from = Math.max(afterSequence + 1, firstRetained);
            long to = Math.min(lastSequence, from + limit - 1);
            if (historySize == 0 || from > to) {
                return List.of();
            }
            List<StoredUpdate> page = new ArrayList<>((int) (to - from + 1));
            for (long seq = from; seq <= to; seq++) {
                page.add(PackedUpdate.unpack(seq, ring[(int) (seq % historySize)]));
            }
            return page;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public OptionalLong sequenceOf(String id) {
        lock.lock();
        try {
            return sequenceById.get(id);
        } finally {
            lock.unlock();
        }
    }

    /** The packed update while the ring retains it (the caller holds the lock). */
    private byte[] packedAt(long sequence) {
        if (sequence < 1 || sequence > lastSequence || sequence <= lastSequence - historySize) {
            return null;
        }
        return ring[(int) (sequence % historySize)];
    }

    @Override
    public TransportHealth health() {
        lock.lock();
        try {
            return closed ? TransportHealth.unavailable("memory history closed") : TransportHealth.READY;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public OptionalLong retainedUpdates() {
        lock.lock();
        try {
            return OptionalLong.of(Math.min(lastSequence, historySize));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }
}
