package dev.herald.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/** {@code 429 Too Many Requests}: a message naming the limit, and when to try again. */
final class TooManyRequests {
    /**
     * For a concurrency limit: a slot frees when one of the client's own connections closes, which
     * the hub cannot foresee. (A browser's EventSource does not retry after a 429 at all; a
     * program that does should not come back at once.)
     */
    static final long CONCURRENCY_RETRY_SECONDS = 5;

    private TooManyRequests() {}

    /** The whole response as bytes, for a connection refused before any request was read. */
    static byte[] raw(String message, long retryAfterSeconds) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 429 Too Many Requests\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Retry-After: " + retryAfterSeconds + "\r\nConnection: close\r\nContent-Length: " + body.length
                + "\r\n\r\n";
        byte[] head8 = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head8.length + body.length];
        System.arraycopy(head8, 0, all, 0, head8.length);
        System.arraycopy(body, 0, all, head8.length, body.length);
        return all;
    }

    /** Answers {@code request}, keeping the connection if the client asked to. */
    static void send(ChannelHandlerContext ctx, HttpRequest request, String message, long retryAfterSeconds) {
        FullHttpResponse response = Responses.response(HttpResponseStatus.TOO_MANY_REQUESTS, "text/plain; charset=utf-8",
                Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        Responses.send(ctx, request, response);
    }
}
