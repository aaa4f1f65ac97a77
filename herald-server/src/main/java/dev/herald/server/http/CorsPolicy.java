package dev.herald.server.http;

import dev.herald.protocol.BadRequestException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-origin access from the configured origins. A listed origin is echoed back with
 * credentials allowed (cookies carry tokens); {@code *} admits any origin, without credentials.
 */
final class CorsPolicy {
    /** The CORS headers for the request being answered on a channel, or absent. */
    private static final AttributeKey<HttpHeaders> RESPONSE_HEADERS = AttributeKey.valueOf("herald.cors");
    private static final String ALLOWED_HEADERS = "Authorization, Last-Event-ID, Cache-Control, Content-Type";
    /**
     * Response headers scripts may read: the subscriptions API's cursor and next page ({@code Link}),
     * and the reason a request was refused ({@code WWW-Authenticate}).
     */
    private static final String EXPOSED_HEADERS = "Link, WWW-Authenticate";

    private final Set<String> origins;
    private final boolean anyOrigin;

    CorsPolicy(List<String> origins) {
        this.anyOrigin = origins.contains("*");
        this.origins = origins.stream().map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** Works out the headers for this request and remembers them for its response. */
    void prepare(Channel channel, HttpRequest request) {
        channel.attr(RESPONSE_HEADERS).set(headersFor(request.headers().get(HttpHeaderNames.ORIGIN)));
    }

    /** Adds the remembered CORS headers (if any) to a response on this channel. */
    static void apply(Channel channel, HttpHeaders response) {
        HttpHeaders cors = channel.attr(RESPONSE_HEADERS).get();
        if (cors != null) {
            response.add(cors);
        }
    }

    /** The remembered CORS headers of a channel's request, for a response sent later; empty if none. */
    static HttpHeaders responseHeaders(Channel channel) {
        HttpHeaders cors = channel.attr(RESPONSE_HEADERS).get();
        return cors != null ? cors : EmptyHttpHeaders.INSTANCE;
    }

    static boolean isPreflight(HttpRequest request) {
        return request.method().equals(HttpMethod.OPTIONS)
                && request.headers().contains(HttpHeaderNames.ORIGIN)
                && request.headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    }

    /** Answers a preflight: 204 with the allowances for a listed origin, 403 otherwise. */
    void preflight(ChannelHandlerContext ctx, HttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        HttpHeaders cors = headersFor(origin);
        if (cors == null) {
            throw new BadRequestException(BadRequestException.FORBIDDEN, "Origin not allowed by CORS: " + origin);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        response.headers().add(cors)
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, QUERY, POST, OPTIONS")
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, 600);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private HttpHeaders headersFor(String origin) {
        if (origin == null) {
            return null;
        }
        HttpHeaders h = new io.netty.handler.codec.http.DefaultHttpHeaders();
        if (origins.contains(origin.toLowerCase(Locale.ROOT)) && !origin.equals("*")) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                    .set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN)
                    .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
            return h;
        }
        if (anyOrigin) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
            return h;
        }
        return null;
    }
}
