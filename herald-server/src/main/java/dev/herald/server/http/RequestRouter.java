package dev.herald.server.http;

import dev.herald.protocol.BadRequestException;
import dev.herald.protocol.HubUrls;
import dev.herald.protocol.ResourceMetadata;
import dev.herald.hub.Hub;
import dev.herald.server.ServerConfig;
import dev.herald.protocol.auth.AuthException;
import dev.herald.protocol.auth.Authorizer;
import dev.herald.server.admin.ConsoleSources;
import dev.herald.server.admin.RecentErrors;
import dev.herald.server.metrics.HeraldMeters;
import dev.herald.protocol.presence.PresenceTracker;
import dev.herald.server.stream.StreamDrain;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to the handler for its path and method, and is the one place that turns
 * failures into HTTP statuses: client mistakes get a 4xx naming the problem, never a 500.
 */
@ChannelHandler.Sharable
final class RequestRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(RequestRouter.class);
    static final String HUB_PATH = HubUrls.HUB_PATH;
    /** The safe method with a body (RFC 10008): a subscribe whose matchers do not fit in a URL. */
    static final HttpMethod QUERY = HttpMethod.valueOf("QUERY");
    private static final String ALLOWED_ON_HUB = "GET, QUERY, POST, OPTIONS";

    private final SubscribeEndpoint subscribe;
    private final PublishEndpoint publish;
    private final OperatorEndpoints operator;
    private final PageEndpoint pages;
    private final RouteEndpoint routes;
    private final AdminConsoleEndpoint console;
    /** Null when the hub does not track subscriptions: its paths are then not found. */
    private final SubscriptionsEndpoint subscriptions;

    private final CorsPolicy cors;
    private final Authorizer authorizer;

    /**
     * @param meters the server's meters, or null when metrics are off
     * @param drain the open streams, and whether the server is draining
     * @param console what the admin console shows
     */
    RequestRouter(Hub hub, ServerConfig config, Authorizer authorizer, PresenceTracker presence, HeraldMeters meters,
            StreamDrain drain, ConsoleSources console) {
        this.authorizer = authorizer;
        this.subscribe = new SubscribeEndpoint(hub, config, authorizer, presence, drain);
        this.subscriptions = presence == null ? null : new SubscriptionsEndpoint(hub, presence.registry(), authorizer);
        this.publish = new PublishEndpoint(hub, config, authorizer);
        this.cors = new CorsPolicy(config.corsOrigins());
        this.operator = new OperatorEndpoints(hub, config, meters);
        this.pages = new PageEndpoint(config.homePage());
        this.routes = new RouteEndpoint(config.routes());
        this.console = new AdminConsoleEndpoint(console, new AdminAccess(config.observability().adminToken(),
                config.auth().dev()));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            rejectUndecodable(ctx, request, request.decoderResult().cause());
            return;
        }
        if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1)
                && !request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            Responses.error(ctx, null, HttpResponseStatus.BAD_REQUEST,
                    "Unsupported HTTP version: " + request.protocolVersion().text());
            return;
        }
        if (request.headers().getAll(HttpHeaderNames.HOST).size() > 1) {
            Responses.error(ctx, null, HttpResponseStatus.BAD_REQUEST, "More than one Host header");
            return;
        }
        cors.prepare(ctx.channel(), request);
        RequestTimeoutHandler timeout = (RequestTimeoutHandler) ctx.pipeline().get(HttpChannelInitializer.TIMEOUT);
        if (timeout != null) {
            timeout.requestDone(ctx.pipeline().context(timeout));
        }
        try {
            if (CorsPolicy.isPreflight(request)) {
                cors.preflight(ctx, request);
                return;
            }
            route(ctx, request);
        } catch (AuthException e) {
            var response = Responses.response(HttpResponseStatus.valueOf(e.status()), "text/plain; charset=utf-8",
                    io.netty.buffer.Unpooled.copiedBuffer(e.getMessage() + "\n", java.nio.charset.StandardCharsets.UTF_8));
            // RFC 6750: every auth failure carries a Bearer challenge pointing to the metadata (RFC 9728)
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE,
                    ResourceMetadata.challenge(e.error(), authorizer.config(), new NettyHubRequest(ctx.channel(), request)));
            Responses.send(ctx, request, response);
        } catch (BadRequestException e) {
            Responses.error(ctx, request, HttpResponseStatus.valueOf(e.status()), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Failed to handle {} {}", request.method(), request.uri(), e);
            Responses.error(ctx, request, HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal error");
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request) {
        String uri = originForm(request.uri());
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        HttpMethod method = request.method();
        switch (path) {
            case HUB_PATH -> {
                if (method.equals(HttpMethod.GET)) {
                    subscribe.handle(ctx, request, query, Map.of());
                } else if (method.equals(QUERY)) {
                    subscribe.handle(ctx, request, query, request.content().isReadable()
                            ? NettyHubRequest.formBody(request) : Map.of());
                } else if (method.equals(HttpMethod.POST)) {
                    publish.handle(ctx, request, query);
                } else if (method.equals(HttpMethod.OPTIONS)) {
                    var response = Responses.response(HttpResponseStatus.NO_CONTENT, "text/plain; charset=utf-8",
                            io.netty.buffer.Unpooled.EMPTY_BUFFER);
                    response.headers().remove(HttpHeaderNames.CONTENT_TYPE).set(HttpHeaderNames.ALLOW, ALLOWED_ON_HUB);
                    Responses.send(ctx, request, response);
                } else {
                    methodNotAllowed(ctx, request, ALLOWED_ON_HUB);
                }
            }
            case ResourceMetadata.PATH -> getOnly(ctx, request, () -> {
                var response = Responses.response(HttpResponseStatus.OK, "application/json",
                        io.netty.buffer.Unpooled.copiedBuffer(ResourceMetadata.document(authorizer.config(), new NettyHubRequest(ctx.channel(), request), subscriptions != null),
                                java.nio.charset.StandardCharsets.UTF_8));
                Responses.send(ctx, request, response);
            });
            case "/stats", "/metrics", "/readyz" -> getOnly(ctx, request, () -> operator.handle(ctx, request, path));
            case "/healthz" -> getOnly(ctx, request,
                    () -> Responses.text(ctx, request, HttpResponseStatus.OK, "ok\n"));
            case "/" -> getOnly(ctx, request, () -> pages.index(ctx, request));
            default -> {
                if (AdminConsoleEndpoint.serves(path)) {
                    console.handle(ctx, request, path);
                } else if (subscriptions != null && SubscriptionsEndpoint.serves(path)) {
                    getOnly(ctx, request, () -> subscriptions.handle(ctx, request, path, query));
                } else if (SubscriptionsEndpoint.serves(path)) {
                    Responses.error(ctx, request, HttpResponseStatus.NOT_FOUND, "Not found: " + path
                            + " (this hub does not track subscriptions; start it with --subscriptions)");
                } else if (!routes.handle(ctx, request, path, query)) {
                    Responses.error(ctx, request, HttpResponseStatus.NOT_FOUND, "Not found: " + path);
                }
            }
        }
    }

    /** Accepts the absolute form ({@code GET http://host/path}) as HTTP/1.1 requires. */
    private static String originForm(String target) {
        if (target.startsWith("/")) {
            return target;
        }
        try {
            java.net.URI uri = new java.net.URI(target);
            if (uri.getRawPath() == null || !uri.isAbsolute()) {
                throw new BadRequestException("Invalid request target");
            }
            String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (java.net.URISyntaxException e) {
            throw new BadRequestException("Invalid request target");
        }
    }

    private static void getOnly(ChannelHandlerContext ctx, FullHttpRequest request, Runnable action) {
        if (request.method().equals(HttpMethod.GET)) {
            action.run();
        } else {
            methodNotAllowed(ctx, request, "GET");
        }
    }

    static void methodNotAllowed(ChannelHandlerContext ctx, FullHttpRequest request, String allow) {
        var response = Responses.response(HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8",
                io.netty.buffer.Unpooled.copiedBuffer("Method not allowed: " + request.method().name()
                        + " (allowed: " + allow + ")\n", java.nio.charset.StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.ALLOW, allow);
        CorsPolicy.apply(ctx.channel(), response.headers());
        RecentErrors.record(ctx.channel(), request.method().name(), request.uri(), 405, "Method not allowed");
        ctx.writeAndFlush(response).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
    }

    private static void rejectUndecodable(ChannelHandlerContext ctx, FullHttpRequest request, Throwable cause) {
        HttpResponseStatus status;
        String message;
        if (cause instanceof TooLongHttpLineException) {
            status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
            message = "Request line too long";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            message = "Request headers too large";
        } else if (cause instanceof TooLongFrameException) {
            status = HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
            message = "Request too large";
        } else {
            status = HttpResponseStatus.BAD_REQUEST;
            message = "Malformed HTTP request";
        }
        Responses.error(ctx, request, status, message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            // peers hanging up mid-request (or timed out by us) are routine, not worth a stack trace
            log.debug("Connection error from {}", ctx.channel().remoteAddress(), cause);
        } else {
            log.warn("Unexpected error on {}; closing it", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
