package dev.herald.server.http;

import dev.herald.server.stream.StreamDrain;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import java.time.Duration;

/** Turns a connection into an HTTP/2 one (after ALPN chose h2, or on a cleartext preface): a channel per stream. */
final class Http2Connections {
    /**
     * Streams one connection may have open at once: every tab of a browser shares one connection
     * per origin, and each stream is a subscriber the connection limit does not see.
     */
    static final int MAX_CONCURRENT_STREAMS = 128;

    private final Http2StreamInitializer streams;
    private final int maxHeaderBytes;
    private final Duration idleTimeout;
    private final StreamDrain drain;

    Http2Connections(Http2StreamInitializer streams, int maxHeaderBytes, Duration idleTimeout, StreamDrain drain) {
        this.streams = streams;
        this.drain = drain;
        this.maxHeaderBytes = maxHeaderBytes;
        this.idleTimeout = idleTimeout;
    }

    /** Appends the HTTP/2 handlers; the connection preface may already be on its way. */
    void configure(ChannelPipeline p) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                .maxHeaderListSize(maxHeaderBytes);
        p.addLast("h2-frames", Http2FrameCodecBuilder.forServer().initialSettings(settings).build());
        p.addLast("h2-streams", new Http2MultiplexHandler(streams));
        Http2IdleConnectionGuard guard = new Http2IdleConnectionGuard(idleTimeout);
        p.addLast("h2-idle", guard);
        drain.multiplexedConnectionOpened(p.channel(), guard::drain);
    }
}
