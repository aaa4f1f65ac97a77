package dev.herald.server.http;

import dev.herald.hub.Hub;
import dev.herald.server.ServerConfig;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;

/** The per-connection pipeline; a subscription later strips the HTTP handlers off it. */
public final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {
    static final String CODEC = "http-codec";
    static final String AGGREGATOR = "http-aggregator";
    static final String ROUTER = "router";

    private static final int MAX_INITIAL_LINE = 8192;
    private static final int MAX_HEADER_SIZE = 16384;
    private static final int MAX_CHUNK_SIZE = 8192;

    private final RequestRouter router;
    private final int maxBodyBytes;

    public HttpChannelInitializer(Hub hub, ServerConfig config) {
        this.router = new RequestRouter(hub, config);
        this.maxBodyBytes = config.maxBodyBytes();
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(CODEC, new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE));
        p.addLast(AGGREGATOR, new BodyLimitAggregator(maxBodyBytes));
        p.addLast(ROUTER, router);
    }
}
