package dev.herald.client.internal;

import dev.herald.client.CloseReason;
import dev.herald.client.EventSource;
import dev.herald.client.EventSourceException;
import dev.herald.client.EventSourceListener;
import dev.herald.client.EventStream;
import dev.herald.client.MessageEvent;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** An {@link EventStream} fed by a listener; {@code capacity} permits bound the buffered events. */
public final class BlockingEventStream implements EventStream {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Semaphore space;
    private volatile EventSource source;
    private volatile boolean closed;
    private volatile CloseReason closeReason;
    private volatile EventSourceException lastError;
    private MessageEvent next;

    public BlockingEventStream(int capacity) {
        this.space = new Semaphore(capacity);
    }

    /** The listener that feeds this stream. */
    public EventSourceListener listener() {
        return new EventSourceListener() {
            @Override
            public void onEvent(EventSource s, MessageEvent event) {
                try {
                    space.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (!closed) {
                    queue.add(event);
                }
            }

            @Override
            public void onError(EventSource s, EventSourceException error) {
                lastError = error;
            }

            @Override
            public void onClosed(EventSource s, CloseReason reason) {
                closeReason = reason;
                queue.add(END);
            }
        };
    }

    public void attach(EventSource source) {
        this.source = source;
    }

    @Override
    public EventSource source() {
        return source;
    }

    @Override
    public synchronized boolean hasNext() {
        try {
            return take(-1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized MessageEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the event stream has ended");
        }
        MessageEvent event = next;
        next = null;
        return event;
    }

    @Override
    public synchronized Optional<MessageEvent> poll(Duration timeout) throws InterruptedException {
        if (!take(timeout.toNanos())) {
            return Optional.empty();
        }
        MessageEvent event = next;
        next = null;
        return Optional.of(event);
    }

    /** Makes {@link #next} hold an event, waiting up to {@code nanos} (forever when negative). */
    private boolean take(long nanos) throws InterruptedException {
        if (next != null) {
            return true;
        }
        if (closed) {
            return false;
        }
        Object item = nanos < 0 ? queue.take() : queue.poll(nanos, TimeUnit.NANOSECONDS);
        if (item == null) {
            return false;
        }
        if (item == END) {
            queue.add(END); // every later call sees the end too
            return false;
        }
        space.release();
        next = (MessageEvent) item;
        return true;
    }

    @Override
    public Optional<CloseReason> closeReason() {
        return Optional.ofNullable(closeReason);
    }

    @Override
    public Optional<EventSourceException> lastError() {
        return Optional.ofNullable(lastError);
    }

    @Override
    public void close() {
        closed = true;
        EventSource s = source;
        if (s != null) {
            s.close();
        }
        queue.clear();
        space.release(Integer.MAX_VALUE / 2);
        queue.add(END);
    }
}
