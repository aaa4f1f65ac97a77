package dev.herald.server.http;

import dev.herald.hub.Hub;
import dev.herald.server.ServerConfig;
import dev.herald.server.metrics.HeraldMeters;
import dev.herald.transport.TransportHealth;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /readyz} (open: can the hub take updates now?), and the admin-token-protected
 * {@code GET /metrics} (Prometheus text) and {@code GET /stats}.
 */
final class OperatorEndpoints {
    private static final Logger log = LoggerFactory.getLogger(OperatorEndpoints.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Hub hub;
    private final HeraldMeters meters;
    private final StatsEndpoint stats;
    private final AdminAccess access;

    /** @param meters the server's meters, or null when metrics are off */
    OperatorEndpoints(Hub hub, ServerConfig config, HeraldMeters meters) {
        this.hub = hub;
        this.meters = meters;
        this.stats = new StatsEndpoint(hub);
        this.access = new AdminAccess(config.observability().adminToken(), config.auth().dev());
    }

    /** @param path {@code /readyz}, {@code /metrics} or {@code /stats} */
    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        switch (path) {
            case "/readyz" -> ready(ctx, request);
            case "/metrics" -> {
                if (access.allows(ctx, request)) {
                    metrics(ctx, request);
                }
            }
            default -> {
                if (access.allows(ctx, request)) {
                    stats.handle(ctx, request);
                }
            }
        }
    }

    private void ready(ChannelHandlerContext ctx, FullHttpRequest request) {
        TransportHealth health = hub.health();
        if (health.ready()) {
            Responses.text(ctx, request, HttpResponseStatus.OK, "ready\n");
        } else {
            Responses.text(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE, "not ready: " + health.reason() + "\n");
        }
    }

    private void metrics(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (meters == null || !meters.scrapable()) {
            Responses.error(ctx, request, HttpResponseStatus.NOT_FOUND, meters == null
                    ? "Not found: /metrics (metrics are off)"
                    : "Not found: /metrics (the hub's meters are in the application's own registry)");
            return;
        }
        // Answer in order even if a client pipelines: read nothing more until this one is answered.
        ctx.channel().config().setAutoRead(false);
        meters.scrape().whenComplete((text, failure) -> ctx.executor().execute(() -> {
            ctx.channel().config().setAutoRead(true);
            if (failure != null) {
                log.warn("Scraping the metrics failed", failure);
                Responses.error(ctx, request, HttpResponseStatus.INTERNAL_SERVER_ERROR, "Metrics unavailable");
                return;
            }
            var response = Responses.response(HttpResponseStatus.OK, PROMETHEUS_TEXT,
                    Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            Responses.send(ctx, request, response);
        }));
    }
}
