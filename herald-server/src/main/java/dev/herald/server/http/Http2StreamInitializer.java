package dev.herald.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.time.Duration;

/**
 * Each HTTP/2 stream gets the pipeline of an HTTP/1.1 connection, under the same names, with the
 * stream's frames turned into HTTP objects: the router, the endpoints and the subscriber streams
 * serve it unchanged, and a subscription takes its stream over as it takes a connection over.
 *
 * <p>A stream's channel is writable while the bytes written to it and not yet sent stay under the
 * subscriber budget; bytes the stream's flow-control window holds back count, so a subscriber
 * that stops reading is cut off alone (its stream reset), its siblings untouched.
 */
final class Http2StreamInitializer extends ChannelInitializer<Http2StreamChannel> {
    static final String DATA_FRAMES = "h2-data-frames";

    private final RequestRouter router;
    private final int maxBodyBytes;
    private final Duration requestTimeout;
    private final int subscriberBufferBytes;
    private final DrainGuard drainGuard;

    Http2StreamInitializer(RequestRouter router, DrainGuard drainGuard, int maxBodyBytes, Duration requestTimeout,
            int subscriberBufferBytes) {
        this.router = router;
        this.drainGuard = drainGuard;
        this.maxBodyBytes = maxBodyBytes;
        this.requestTimeout = requestTimeout;
        this.subscriberBufferBytes = subscriberBufferBytes;
    }

    @Override
    protected void initChannel(Http2StreamChannel ch) {
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(subscriberBufferBytes / 2, subscriberBufferBytes));
        Http2IdleConnectionGuard idle = ch.parent().pipeline().get(Http2IdleConnectionGuard.class);
        if (idle != null) {
            idle.streamOpened(ch);
        }
        ChannelPipeline p = ch.pipeline();
        p.addLast(DATA_FRAMES, RawBytesToDataFrames.INSTANCE);
        p.addLast(HttpChannelInitializer.CODEC, new Http2StreamFrameToHttpObjectCodec(true));
        p.addLast(HttpChannelInitializer.TIMEOUT, new RequestTimeoutHandler(requestTimeout));
        p.addLast(HttpChannelInitializer.AGGREGATOR, new BodyLimitAggregator(maxBodyBytes));
        // A stream the client opened before it saw the drain's GOAWAY is answered 503, as on HTTP/1.1.
        p.addLast(HttpChannelInitializer.DRAIN_GUARD, drainGuard);
        p.addLast(HttpChannelInitializer.ROUTER, router);
    }
}
