package dev.herald.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /}: the demo page with {@code --demo}, otherwise a short note on how to use the hub. */
final class PageHandler {
    private final byte[] index;

    PageHandler(boolean demo) {
        this.index = demo ? load("/dev/herald/server/demo/index.html")
                : ("<!doctype html><meta charset=utf-8><title>Herald</title>"
                        + "<p>Herald hub. Subscribe: <code>GET /.well-known/mercure?topic=…</code>; "
                        + "publish: <code>POST /.well-known/mercure</code>; counters: <a href=/stats>/stats</a>.")
                        .getBytes(StandardCharsets.UTF_8);
    }

    void index(ChannelHandlerContext ctx, FullHttpRequest request) {
        Responses.send(ctx, request, HttpResponseStatus.OK, "text/html; charset=utf-8", index);
    }

    private static byte[] load(String resource) {
        try (InputStream in = PageHandler.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
