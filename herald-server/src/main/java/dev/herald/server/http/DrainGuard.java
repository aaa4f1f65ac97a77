package dev.herald.server.http;

import dev.herald.server.stream.StreamDrain;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * While the server drains, answers every request that reaches it (on a connection opened before
 * the listener closed) 503 with {@code Connection: close}, instead of routing it.
 */
@ChannelHandler.Sharable
final class DrainGuard extends ChannelInboundHandlerAdapter {
    /** A drain lasts at most its window (30 s by default); by then another node, or this one restarted, serves. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final StreamDrain drain;

    DrainGuard(StreamDrain drain) {
        this.drain = drain;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !drain.draining()) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            FullHttpResponse response = Responses.response(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "text/plain; charset=utf-8", Unpooled.copiedBuffer(
                            "The hub is shutting down; retry, another node or its successor will answer\n",
                            StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
            Responses.send(ctx, request, response); // a 5xx closes the connection
        } finally {
            request.release();
        }
    }
}
