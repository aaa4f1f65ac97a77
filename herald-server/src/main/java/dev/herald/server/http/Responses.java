package dev.herald.server.http;

import dev.herald.server.admin.RecentErrors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Complete (non-streaming) responses, honouring keep-alive. */
final class Responses {

    private Responses() {}

    static void text(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, String body) {
        send(ctx, request, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /** An error: the status and a one-line message naming the problem. */
    static void error(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, String message) {
        text(ctx, request, status, message + "\n");
    }

    static void send(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status,
            String contentType, byte[] body) {
        send(ctx, request, response(status, contentType, Unpooled.wrappedBuffer(body)));
    }

    /** Sends a complete response with the request's CORS headers, keeping the connection if we can. */
    static void send(ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse response) {
        write(ctx, request, response);
        ctx.flush();
    }

    /** {@link #send} without the flush: the caller flushes, later or together with more. */
    static void write(ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse response) {
        CorsPolicy.apply(ctx.channel(), response.headers());
        HttpResponseStatus status = response.status();
        if (status.code() >= 400) { // the error path only: answered requests pay one comparison
            RecentErrors.record(ctx.channel(), request == null ? null : request.method().name(),
                    request == null ? null : request.uri(), status.code(),
                    response.content().toString(StandardCharsets.UTF_8));
        }
        boolean keepAlive = request != null && HttpUtil.isKeepAlive(request)
                && request.decoderResult().isSuccess() && status.code() < 500;
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.write(response, ctx.voidPromise());
        } else {
            ctx.write(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    static FullHttpResponse response(HttpResponseStatus status, String contentType, ByteBuf body) {
        // No trailers on a response with a length: skip allocating a second, empty header map.
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body,
                new DefaultHttpHeaders(), EmptyHttpHeaders.INSTANCE);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set("X-Content-Type-Options", "nosniff");
        return response;
    }
}
