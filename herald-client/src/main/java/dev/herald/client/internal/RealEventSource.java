package dev.herald.client.internal;

import dev.herald.client.CloseReason;
import dev.herald.client.ContentTypeException;
import dev.herald.client.EventSource;
import dev.herald.client.EventSourceException;
import dev.herald.client.EventSourceListener;
import dev.herald.client.HttpStatusException;
import dev.herald.client.MessageEvent;
import dev.herald.client.ReadTimeoutException;
import dev.herald.client.ReadyState;
import dev.herald.client.SseParser;
import dev.herald.client.StreamClosedByServerException;
import dev.herald.client.StreamIOException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The browser's EventSource processing model on one thread: connect, read, and on a recoverable
 * failure wait the backoff delay and reconnect with {@code Last-Event-ID}, until closed.
 */
public final class RealEventSource implements EventSource {
    private static final System.Logger LOG = System.getLogger(RealEventSource.class.getName());

    private final SourceConfig config;
    private final EventSourceListener listener;
    private final Requests requests;
    private final AtomicReference<ReadyState> state = new AtomicReference<>(ReadyState.CONNECTING);
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile StreamConnection connection;
    private volatile String lastEventId;
    private Backoff backoff; // the source thread's only

    public RealEventSource(SourceConfig config, EventSourceListener listener) {
        this.config = config;
        this.listener = listener;
        this.requests = new Requests(config);
        this.lastEventId = config.lastEventId();
        this.backoff = config.backoff();
    }

    /** Starts the source's thread. */
    public void start() {
        config.threadFactory().newThread(this::run).start();
    }

    @Override
    public URI uri() {
        return config.uri();
    }

    @Override
    public ReadyState readyState() {
        return state.get();
    }

    @Override
    public String lastEventId() {
        return lastEventId;
    }

    @Override
    public void close() {
        state.set(ReadyState.CLOSED);
        closing.countDown();
        StreamConnection c = connection;
        if (c != null) {
            c.abort();
        }
    }

    private boolean closed() {
        return closing.getCount() == 0;
    }

    private void run() {
        CloseReason reason = CloseReason.CLOSED_BY_CALLER;
        try {
            while (!closed()) {
                Outcome outcome = connectAndRead();
                if (closed() || outcome == Outcome.CLOSED) {
                    break;
                }
                if (outcome.noContent()) {
                    reason = CloseReason.NO_CONTENT;
                    break;
                }
                EventSourceException failure = outcome.failure();
                if (failure.isFatal()) {
                    reason = CloseReason.FAILED;
                    state.set(ReadyState.CLOSED);
                } else {
                    state.compareAndSet(ReadyState.OPEN, ReadyState.CONNECTING);
                }
                call(() -> listener.onError(this, failure));
                if (failure.isFatal() || closed()) {
                    break;
                }
                Backoff.Step step = backoff.apply(outcome.openFor(), config.random());
                backoff = step.next();
                if (closing.await(step.delay().toNanos(), TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            state.set(ReadyState.CLOSED);
            closing.countDown();
            CloseReason finalReason = reason;
            call(() -> listener.onClosed(this, finalReason));
        }
    }

    /** One connection, from request to the end of its body. */
    private Outcome connectAndRead() throws InterruptedException {
        StreamConnection c = new StreamConnection(config.httpClient(), requests.build(lastEventId));
        connection = c;
        if (closed()) {
            c.abort();
        }
        c.open();
        Duration timeout = config.readTimeout();
        try {
            StreamConnection.Signal signal = c.next(timeout);
            if (signal == null) {
                return Outcome.failed(new ReadTimeoutException(timeout), Duration.ZERO);
            }
            if (!(signal instanceof StreamConnection.Head head)) {
                return ended(signal, Duration.ZERO);
            }
            if (head.status() == 204) {
                return Outcome.NO_CONTENT;
            }
            if (head.status() != 200) {
                return Outcome.failed(new HttpStatusException(head.status()), Duration.ZERO);
            }
            if (!ContentTypes.isEventStream(head.contentType())) {
                return Outcome.failed(new ContentTypeException(head.contentType()), Duration.ZERO);
            }
            if (!state.compareAndSet(ReadyState.CONNECTING, ReadyState.OPEN)) {
                return Outcome.CLOSED; // closed meanwhile
            }
            long openedAt = System.nanoTime();
            call(() -> listener.onOpen(this));
            SseParser parser = new SseParser(new Dispatcher(), lastEventId);
            try {
                while (true) {
                    signal = c.next(timeout);
                    if (signal == null) {
                        return Outcome.failed(new ReadTimeoutException(timeout), since(openedAt));
                    }
                    if (!(signal instanceof StreamConnection.Chunk chunk)) {
                        parser.end();
                        return ended(signal, since(openedAt));
                    }
                    for (var buffer : chunk.buffers()) {
                        parser.feed(buffer);
                        if (closed()) {
                            return Outcome.CLOSED;
                        }
                    }
                    c.requestMore();
                }
            } finally {
                lastEventId = parser.lastEventId();
            }
        } finally {
            c.abort();
            connection = null;
        }
    }

    private static Outcome ended(StreamConnection.Signal signal, Duration openFor) {
        if (signal instanceof StreamConnection.Complete) {
            return Outcome.failed(new StreamClosedByServerException(), openFor);
        }
        if (signal instanceof StreamConnection.Failed failed) {
            Throwable error = failed.error();
            IOException io = error instanceof IOException e ? e : new IOException(error.toString(), error);
            return Outcome.failed(new StreamIOException(io), openFor);
        }
        return Outcome.CLOSED;
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    /** Calls the listener; a listener that throws is logged and does not stop the source. */
    private void call(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event source listener threw; ignored", e);
        }
    }

    /** Parser callbacks on the source thread. */
    private final class Dispatcher implements SseParser.Handler {
        @Override
        public void onEvent(String id, String type, String data) {
            lastEventId = id;
            if (!closed()) {
                MessageEvent event = new MessageEvent(type, data, id);
                call(() -> listener.onEvent(RealEventSource.this, event));
            }
        }

        @Override
        public void onRetry(long millis) {
            backoff = backoff.withBase(Duration.ofMillis(millis));
        }

        @Override
        public void onComment(String comment) {
            if (!closed()) {
                call(() -> listener.onComment(RealEventSource.this, comment));
            }
        }
    }

    /** How one connection ended: no content, a failure, or closed by the caller. */
    private record Outcome(boolean noContent, EventSourceException failure, Duration openFor) {
        static final Outcome NO_CONTENT = new Outcome(true, null, Duration.ZERO);
        static final Outcome CLOSED = new Outcome(false, null, Duration.ZERO);

        static Outcome failed(EventSourceException failure, Duration openFor) {
            return new Outcome(false, failure, openFor);
        }
    }
}
