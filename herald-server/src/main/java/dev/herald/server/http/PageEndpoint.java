package dev.herald.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/** {@code GET /}: the configured home page (the app's demo), otherwise a short note on how to use the hub. */
final class PageEndpoint {
    private static final String NOTE = "<!doctype html><meta charset=utf-8><title>Herald</title>"
            + "<p>Herald hub. Subscribe: <code>GET /.well-known/mercure?topic=…</code>; "
            + "publish: <code>POST /.well-known/mercure</code>; counters: <a href=/stats>/stats</a>.";

    private final byte[] index;

    PageEndpoint(String homePage) {
        this.index = (homePage != null ? homePage : NOTE).getBytes(StandardCharsets.UTF_8);
    }

    void index(ChannelHandlerContext ctx, FullHttpRequest request) {
        Responses.send(ctx, request, HttpResponseStatus.OK, "text/html; charset=utf-8", index);
    }
}
