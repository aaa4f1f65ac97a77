package dev.herald.server.stream;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's open event streams, and their drain: closed one by one, evenly over a window, so
 * that their clients do not all reconnect in the same instant (behind a load balancer they resume
 * on another node, from their last event id). Each stream is flushed, then closed with a FIN (on
 * HTTP/2, its stream ended with END_STREAM). HTTP/2 connections are told at the start (GOAWAY), so
 * that their clients open no more streams on them, and close once their streams are done.
 */
public final class StreamDrain {
    /** Set on a stream this drain ends, so that the hub counts it as drained rather than as the client's doing. */
    static final AttributeKey<Boolean> DRAINED = AttributeKey.valueOf("herald.drained");
    private static final AttributeKey<Boolean> ENDS_ITSELF = AttributeKey.valueOf("herald.endsItself");
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    /** Open HTTP/2 connections, each with what starts its drain (run on its event loop). */
    private final Map<Channel, Runnable> multiplexed = new ConcurrentHashMap<>();
    private volatile CompletableFuture<Void> drained;

    /**
     * Called once a connection has become a response that ends itself when closed (its handler
     * writes its own last event and the response's end): the drain closes it and leaves the rest to it.
     */
    public void openedSelfEnding(Channel channel) {
        channel.attr(ENDS_ITSELF).set(Boolean.TRUE);
        opened(channel);
    }

    /** Called once a connection has become an event stream. */
    public void opened(Channel channel) {
        open.add(channel);
        channel.closeFuture().addListener(f -> open.remove(channel));
        if (drained != null) {
            closeAfterFlush(channel); // it passed the door as the drain began
        }
    }

    /**
     * Called once a connection has become HTTP/2; {@code goAway} starts its drain, on its event
     * loop: at the start of the server's drain, or at once if that has begun.
     */
    public void multiplexedConnectionOpened(Channel connection, Runnable goAway) {
        multiplexed.put(connection, goAway);
        connection.closeFuture().addListener(f -> multiplexed.remove(connection));
        if (drained != null) {
            connection.eventLoop().execute(goAway);
        }
    }

    /** True from the start of the drain: the server answers new requests 503. */
    public boolean draining() {
        return drained != null;
    }

    /** Streams open now. */
    public int openStreams() {
        return open.size();
    }

    /**
     * Closes the streams open now, the k-th of n at {@code window * k / n}; any still open at the
     * end of the window (a slow client still taking what was queued for it) is closed then.
     * Calling it again returns the first drain's stage.
     *
     * @return completes when every stream it closes is closed
     */
    public synchronized CompletableFuture<Void> drain(Duration window) {
        if (drained != null) {
            return drained;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        drained = done;
        multiplexed.forEach((connection, goAway) -> connection.eventLoop().execute(goAway));
        List<Channel> streams = new ArrayList<>(open);
        int n = streams.size();
        if (n == 0) {
            done.complete(null);
            return done;
        }
        AtomicInteger remaining = new AtomicInteger(n);
        long windowNanos = window.toNanos();
        for (int k = 0; k < n; k++) {
            Channel channel = streams.get(k);
            channel.closeFuture().addListener(f -> {
                if (remaining.decrementAndGet() == 0) {
                    done.complete(null);
                }
            });
            channel.eventLoop().schedule(() -> closeAfterFlush(channel), windowNanos * k / n, TimeUnit.NANOSECONDS);
        }
        ScheduledFuture<?> deadline = GlobalEventExecutor.INSTANCE.schedule(() -> streams.forEach(channel -> {
            channel.attr(DRAINED).set(Boolean.TRUE);
            channel.close();
        }), windowNanos, TimeUnit.NANOSECONDS);
        done.whenComplete((v, e) -> deadline.cancel(false));
        return done;
    }

    /**
     * Whatever Netty still queues for the stream goes out first: its client misses nothing it was
     * sent. An HTTP/2 stream ends with END_STREAM, as a response does, rather than a reset.
     */
    private static void closeAfterFlush(Channel channel) {
        channel.attr(DRAINED).set(Boolean.TRUE);
        if (Boolean.TRUE.equals(channel.attr(ENDS_ITSELF).get())) {
            channel.close();
            return;
        }
        Object last = channel instanceof Http2StreamChannel ? new DefaultHttp2DataFrame(true) : Unpooled.EMPTY_BUFFER;
        channel.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
    }
}
