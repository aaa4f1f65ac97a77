package dev.herald.server.stream;

import dev.herald.protocol.ResumeNotice;
import dev.herald.event.StoredUpdate;
import dev.herald.hub.CloseReason;
import dev.herald.hub.SubscriberSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A subscriber connection as the hub sees it. Events go out as raw bytes on a response delimited
 * by connection close (no chunked framing per event), each the update's shared off-heap frame;
 * the {@link FrameWriter} decides how they reach the socket.
 */
public final class SubscriberStream implements SubscriberSink {
    /** Sent right after the headers so proxies and browsers see the stream open, and as heartbeat. */
    private static final ByteBuf COMMENT = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeBytes(":\n".getBytes(StandardCharsets.US_ASCII)).asReadOnly());

    private final Channel channel;
    private final FrameWriter writer;
    private final HttpHeaders extraHeaders;

    /**
     * @param channel the connection, its HTTP request answered by this stream
     * @param writer how frames reach the channel's socket
     * @param extraHeaders added to the response head (CORS)
     */
    public SubscriberStream(Channel channel, FrameWriter writer, HttpHeaders extraHeaders) {
        this.channel = channel;
        this.writer = writer;
        this.extraHeaders = extraHeaders;
    }

    @Override
    public ScheduledExecutorService eventLoop() {
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
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .add(extraHeaders);
        if (lastEventIdHeader != null) {
            // Mercure 1.0 names the response field Mercure-Last-Event-ID; 0.x readers look for Last-Event-ID.
            head.headers().set("Mercure-Last-Event-ID", lastEventIdHeader).set("Last-Event-ID", lastEventIdHeader);
        }
        writer.writeMessage(head);
        // The head is encoded; from here on the body is our raw bytes until the connection closes.
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(HttpServerCodec.class) != null) {
            pipeline.remove(HttpServerCodec.class);
        }
        writer.writeMessage(COMMENT.duplicate());
    }

    /**
     * A typed event ({@code event: mercure}, so {@code onmessage} does not see it; no {@code id},
     * so the client's last event id stays what it was) saying the resume was not exact.
     */
    @Override
    public void resumeGap(String requestedId) {
        writer.writeMessage(Unpooled.wrappedBuffer(ResumeNotice.frame(requestedId)));
    }

    @Override
    public void write(StoredUpdate update) {
        writer.write(update.directFrame());
    }

    @Override
    public void writeAndFlush(StoredUpdate update) {
        writer.writeAndFlush(update.directFrame());
    }

    @Override
    public void heartbeat() {
        writer.writeMessage(COMMENT.duplicate());
    }

    @Override
    public void flush() {
        writer.flush();
    }

    @Override
    public boolean isConnected() {
        return writer.isOpen();
    }

    @Override
    public boolean isWritable() {
        return writer.isWritable();
    }

    /**
     * A subscriber cut off for its budget is aborted (RST): it stopped reading, so a graceful close
     * would leave its unsent bytes pinned in the kernel behind a FIN it never gets, and it would not
     * learn it was cut off. Reset, it sees the error at once, reconnects and resumes from history.
     * Any other end is graceful: what the kernel holds still reaches the client.
     */
    @Override
    public void close(CloseReason reason) {
        if (reason == CloseReason.SLOW_SUBSCRIBER) {
            writer.abort();
        } else {
            writer.close();
        }
    }
}
