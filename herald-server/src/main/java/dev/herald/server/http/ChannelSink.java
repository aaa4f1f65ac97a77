package dev.herald.server.http;

import dev.herald.event.StoredUpdate;
import dev.herald.hub.CloseReason;
import dev.herald.hub.SubscriberSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A subscriber connection as the hub sees it. Events go out as raw bytes on a response delimited
 * by connection close (no chunked framing per event), each a zero-copy view of the update's
 * shared off-heap frame.
 */
final class ChannelSink implements SubscriberSink {
    /** Sent right after the headers so proxies and browsers see the stream open, and as heartbeat. */
    private static final ByteBuf COMMENT = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeBytes(":\n".getBytes(StandardCharsets.US_ASCII)).asReadOnly());

    private final Channel channel;

    ChannelSink(Channel channel) {
        this.channel = channel;
    }

    @Override
    public ScheduledExecutorService lane() {
        return channel.eventLoop();
    }

    @Override
    public void open(String lastEventIdHeader) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                .set(HttpHeaderNames.CACHE_CONTROL, "private, no-cache, no-store, must-revalidate, max-age=0")
                .set("X-Accel-Buffering", "no")
                .set("X-Content-Type-Options", "nosniff")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        CorsPolicy.apply(channel, head.headers());
        if (lastEventIdHeader != null) {
            head.headers().set("Last-Event-ID", lastEventIdHeader);
        }
        channel.write(head, channel.voidPromise());
        // The head is encoded; from here on the body is our raw bytes until the connection closes.
        if (channel.pipeline().get(HttpChannelInitializer.CODEC) != null) {
            channel.pipeline().remove(HttpChannelInitializer.CODEC);
        }
        channel.write(COMMENT.duplicate(), channel.voidPromise());
    }

    @Override
    public void write(StoredUpdate update) {
        channel.write(Unpooled.wrappedBuffer(update.directFrame().duplicate()), channel.voidPromise());
    }

    @Override
    public void heartbeat() {
        channel.write(COMMENT.duplicate(), channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public void close(CloseReason reason) {
        channel.close();
    }
}
