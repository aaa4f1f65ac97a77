package dev.herald.server.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/** Aggregates request bodies up to a limit; past it, a 413 that says what the limit is. */
final class BodyLimitAggregator extends HttpObjectAggregator {
    private final int maxBodyBytes;

    BodyLimitAggregator(int maxBodyBytes) {
        super(maxBodyBytes, true);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        FullHttpResponse response = Responses.response(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "text/plain; charset=utf-8", io.netty.buffer.Unpooled.copiedBuffer(
                        "Request body too large: the limit is " + maxBodyBytes + " bytes\n", StandardCharsets.UTF_8));
        // The rest of the body may still be on its way: close rather than read it.
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
