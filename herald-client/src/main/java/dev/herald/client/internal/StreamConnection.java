package dev.herald.client.internal;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP exchange of an event source, turned into a sequence of {@link Signal}s that its thread
 * takes one at a time with a timeout: the response head, body chunks (one in flight at a time, so
 * a slow reader stops the socket), the end, a failure, or an abort from any thread.
 */
final class StreamConnection implements Flow.Subscriber<List<ByteBuffer>> {

    /** What the connection has to say next. */
    sealed interface Signal {}

    record Head(int status, String contentType) implements Signal {}

    record Chunk(List<ByteBuffer> buffers) implements Signal {}

    record Complete() implements Signal {}

    record Failed(Throwable error) implements Signal {}

    record Aborted() implements Signal {}

    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final HttpClient client;
    private final HttpRequest request;
    private volatile CompletableFuture<HttpResponse<Void>> exchange;
    private Flow.Subscription subscription;
    private boolean aborted;

    StreamConnection(HttpClient client, HttpRequest request) {
        this.client = client;
        this.request = request;
    }

    /** Sends the request; signals follow. */
    void open() {
        synchronized (this) {
            if (aborted) {
                return;
            }
        }
        exchange = client.sendAsync(request, info -> {
            signals.add(new Head(info.statusCode(), info.headers().firstValue("Content-Type").orElse(null)));
            return HttpResponse.BodySubscribers.fromSubscriber(this);
        });
        exchange.whenComplete((response, error) -> {
            if (error != null) {
                signals.add(new Failed(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error));
            }
        });
        boolean cancel;
        synchronized (this) {
            cancel = aborted;
        }
        if (cancel) {
            exchange.cancel(true);
        }
    }

    /** The next signal, or null when nothing came within {@code timeout}. */
    Signal next(Duration timeout) throws InterruptedException {
        return signals.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Asks for the next body chunk, once the previous one is consumed. */
    void requestMore() {
        Flow.Subscription s;
        synchronized (this) {
            s = aborted ? null : subscription;
        }
        if (s != null) {
            s.request(1);
        }
    }

    /** Stops the exchange and wakes the reader; safe from any thread, idempotent. */
    void abort() {
        Flow.Subscription s;
        synchronized (this) {
            if (aborted) {
                return;
            }
            aborted = true;
            s = subscription;
        }
        signals.add(new Aborted());
        if (s != null) {
            s.cancel();
        }
        CompletableFuture<HttpResponse<Void>> e = exchange;
        if (e != null) {
            e.cancel(true);
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancel;
        synchronized (this) {
            subscription = s;
            cancel = aborted;
        }
        if (cancel) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        signals.add(new Chunk(buffers));
    }

    @Override
    public void onError(Throwable error) {
        signals.add(new Failed(error));
    }

    @Override
    public void onComplete() {
        signals.add(new Complete());
    }
}
