package dev.herald.server.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /admin/live}: the console's figures as an event stream, one {@code snapshot} event
 * at once and then every interval. It is no hub subscription: it appears in no subscriber count
 * or topic list, only among the open connections. It stays an HTTP response (chunked on HTTP/1.1,
 * DATA frames on HTTP/2), so whoever closes it (a drain, the client) gets a clean end: a last
 * {@code end} event and the response's end. A reader too slow to take a snapshot misses it rather
 * than queueing it.
 */
public final class LiveStream extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private final LiveSnapshot snapshots;
    private final ConsoleSources sources;
    private final Duration interval;
    private ScheduledFuture<?> ticker;
    private boolean ended;

    public LiveStream(ConsoleSources sources) {
        this(sources, INTERVAL);
    }

    LiveStream(ConsoleSources sources, Duration interval) {
        this.sources = sources;
        this.snapshots = new LiveSnapshot(sources);
        this.interval = interval;
    }

    /**
     * Answers the request with the stream's head and first snapshot, then one every interval.
     * Call on the event loop once this handler is in the pipeline, in place of the router.
     *
     * @param extraHeaders added to the response head (CORS)
     */
    public void begin(ChannelHandlerContext ctx, HttpHeaders extraHeaders) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set("X-Accel-Buffering", "no")
                .set("X-Content-Type-Options", "nosniff")
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .add(extraHeaders);
        ctx.write(head, ctx.voidPromise());
        // A comment first, as on the hub's own streams: proxies and the page see the stream open.
        ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer(":\n", StandardCharsets.US_ASCII)), ctx.voidPromise());
        tick(ctx);
        long millis = interval.toMillis();
        ticker = ctx.executor().scheduleAtFixedRate(() -> tick(ctx), millis, millis, TimeUnit.MILLISECONDS);
    }

    private void tick(ChannelHandlerContext ctx) {
        if (ended || !ctx.channel().isActive()) {
            return;
        }
        if (!ctx.channel().isWritable()) {
            return; // the reader is behind: this snapshot is skipped, the next one says it all
        }
        byte[] json = snapshots.next(System.nanoTime(), System.currentTimeMillis());
        ctx.writeAndFlush(new DefaultHttpContent(event("snapshot", json)), ctx.voidPromise());
    }

    static ByteBuf event(String type, byte[] json) {
        ByteBuf frame = Unpooled.buffer(json.length + type.length() + 16);
        frame.writeCharSequence("event: " + type + "\ndata: ", StandardCharsets.US_ASCII);
        frame.writeBytes(json); // compact JSON has no line breaks
        frame.writeCharSequence("\n\n", StandardCharsets.US_ASCII);
        return frame;
    }

    /** Ends the response properly before the connection closes, whoever closes it. */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (ended || !ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        ended = true;
        cancelTicker();
        String reason = sources.drain().draining() ? "draining" : "closing";
        byte[] json = ("{\"reason\":\"" + reason + "\"}").getBytes(StandardCharsets.US_ASCII);
        ctx.write(new DefaultHttpContent(event("end", json)), ctx.voidPromise());
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> ctx.close(promise));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg); // nothing more is read from this connection
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ended = true;
        cancelTicker();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("Admin console stream error: {}", cause.toString());
        } else {
            log.warn("Unexpected error on an admin console stream; closing it", cause);
        }
        ctx.close();
    }

    private void cancelTicker() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }
}
