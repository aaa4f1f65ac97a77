package dev.herald.server.http;

import dev.herald.protocol.BadRequestException;
import dev.herald.server.admin.ConsoleFiles;
import dev.herald.server.admin.ConsoleSources;
import dev.herald.server.admin.LiveStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * The admin console: {@code GET /admin/} and its files (static, open to anyone: they hold no
 * figures), and {@code GET /admin/live}, the figures as an event stream, for the admin token only.
 */
final class AdminConsoleEndpoint {
    static final String ROOT = "/admin";
    private static final String PREFIX = ROOT + "/";
    private static final String LIVE = "live";

    private final ConsoleFiles files = new ConsoleFiles();
    private final ConsoleSources sources;
    private final AdminAccess access;

    AdminConsoleEndpoint(ConsoleSources sources, AdminAccess access) {
        this.sources = sources;
        this.access = access;
    }

    static boolean serves(String path) {
        return path.equals(ROOT) || path.startsWith(PREFIX);
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (!request.method().equals(HttpMethod.GET)) {
            RequestRouter.methodNotAllowed(ctx, request, "GET");
            return;
        }
        if (path.equals(ROOT)) {
            FullHttpResponse response = Responses.response(HttpResponseStatus.PERMANENT_REDIRECT,
                    "text/plain; charset=utf-8", Unpooled.copiedBuffer("See " + PREFIX + "\n", StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.LOCATION, PREFIX);
            Responses.send(ctx, request, response);
            return;
        }
        String name = path.substring(PREFIX.length());
        if (name.equals(LIVE)) {
            if (access.allows(ctx, request)) {
                live(ctx);
            }
            return;
        }
        if (ConsoleFiles.hostile(name)) {
            throw new BadRequestException(
                    "Invalid admin console path: only plain file names are served under " + PREFIX);
        }
        ConsoleFiles.ConsoleFile file = files.file(name);
        if (file == null) {
            Responses.error(ctx, request, HttpResponseStatus.NOT_FOUND, "Not found: " + path);
            return;
        }
        send(ctx, request, file);
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, ConsoleFiles.ConsoleFile file) {
        boolean unchanged = file.etag().equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH));
        FullHttpResponse response = unchanged
                ? Responses.response(HttpResponseStatus.NOT_MODIFIED, file.contentType(), Unpooled.EMPTY_BUFFER)
                : Responses.response(HttpResponseStatus.OK, file.contentType(), Unpooled.wrappedBuffer(file.body()));
        if (unchanged) {
            response.headers().remove(HttpHeaderNames.CONTENT_LENGTH).remove(HttpHeaderNames.CONTENT_TYPE);
        }
        response.headers()
                .set(HttpHeaderNames.ETAG, file.etag())
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache") // revalidate: a new jar serves its new console at once
                .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, ConsoleFiles.CONTENT_SECURITY_POLICY)
                .set("Referrer-Policy", "no-referrer")
                .set("X-Frame-Options", "DENY");
        Responses.send(ctx, request, response);
    }

    /** The connection now belongs to the stream, as a subscription's does; the drain ends it. */
    private void live(ChannelHandlerContext ctx) {
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.remove(HttpChannelInitializer.AGGREGATOR);
        if (pipeline.get(HttpChannelInitializer.TIMEOUT) != null) {
            pipeline.remove(HttpChannelInitializer.TIMEOUT);
        }
        LiveStream stream = new LiveStream(sources);
        pipeline.replace(HttpChannelInitializer.ROUTER, "admin-live", stream);
        stream.begin(pipeline.context(stream), CorsPolicy.responseHeaders(ctx.channel()));
        sources.drain().openedSelfEnding(ctx.channel());
    }
}
