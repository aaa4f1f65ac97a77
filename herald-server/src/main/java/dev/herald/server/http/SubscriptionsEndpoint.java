package dev.herald.server.http;

import dev.herald.protocol.BadRequestException;
import dev.herald.protocol.FormDecoder;
import dev.herald.protocol.SubscriptionsPath;
import dev.herald.hub.Hub;
import dev.herald.presence.ActiveSubscription;
import dev.herald.presence.SubscriptionPage;
import dev.herald.presence.SubscriptionRegistry;
import dev.herald.presence.SubscriptionScope;
import dev.herald.presence.SubscriptionTopics;
import dev.herald.protocol.auth.Authorizer;
import dev.herald.protocol.auth.Grants;
import dev.herald.protocol.presence.SubscriptionDocuments;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /.well-known/mercure/subscriptions[/{match_type}/{match}[/{subscriber}]]} (0.x:
 * {@code [/{topic}[/{subscriber}]]}): the active subscriptions, to a token granted {@code subscribe}
 * on the path. Collections come in pages ({@code limit}, {@code after}, a {@code rel="next"} link)
 * with a {@code total}; every answer carries the reconciliation cursor on its {@code rel="mercure"}
 * link (0.x: {@code lastEventID} in the body).
 */
final class SubscriptionsEndpoint {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionsEndpoint.class);
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;
    private static final String LEGACY_MEDIA_TYPE = "application/ld+json";
    private static final List<String> TYPES = List.copyOf(SubscriptionsPath.TYPES);

    private final Hub hub;
    private final SubscriptionRegistry registry;
    private final Authorizer authorizer;

    SubscriptionsEndpoint(Hub hub, SubscriptionRegistry registry, Authorizer authorizer) {
        this.hub = hub;
        this.registry = registry;
        this.authorizer = authorizer;
    }

    static boolean serves(String path) {
        return SubscriptionsPath.isUnder(path);
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String rawPath, String query) {
        SubscriptionsPath path = SubscriptionsPath.parse(rawPath);
        if (path == null) {
            Responses.error(ctx, request, HttpResponseStatus.NOT_FOUND, "Not found: " + rawPath
                    + " (subscriptions paths are /{match_type}/{match}/{subscriber}, each variable percent-encoded)");
            return;
        }
        Map<String, List<String>> params = FormDecoder.decode(query);
        int limit = limit(params);
        String after = single(params, "after");
        String hubUrl = NettyHubRequest.hubUrl(ctx.channel(), request);
        String id = path.canonical();
        Grants grants = authorizer.authorizeSubscriptionsApi(new NettyHubRequest(ctx.channel(), request), params,
                hubUrl, id);
        // The cursor is read before the registry: a change it misses has its event after the cursor.
        String lastEventId = hub.lastEventId();
        boolean legacy = path.shape().legacy()
                || (path.shape() == SubscriptionsPath.Shape.ALL && (!grants.accessToken() || wantsJsonLd(request)));
        if (path.shape().single()) {
            reply(ctx, request, find(path, 0), found -> {
                if (found.isEmpty()) {
                    Responses.error(ctx, request, HttpResponseStatus.NOT_FOUND, "No active subscription " + id);
                    return;
                }
                send(ctx, request, hubUrl, lastEventId, legacy, null,
                        legacy ? SubscriptionDocuments.legacySubscription(found.get(), true, lastEventId)
                                : SubscriptionDocuments.subscription(found.get(), true));
            });
        } else {
            reply(ctx, request, registry.pageAsync(scope(path), after, limit), page -> {
                String body = legacy ? SubscriptionDocuments.legacyCollection(id, page, lastEventId)
                        : SubscriptionDocuments.collection(id, page);
                // limit=0 asks for the total alone: an empty page has no cursor to continue from
                String next = page.more() && limit > 0
                        ? id + "?after=" + SubscriptionTopics.encode(page.lastId()) + "&limit=" + limit : null;
                send(ctx, request, hubUrl, lastEventId, legacy, next, body);
            });
        }
    }

    /**
     * Answers once the registry has: at once when it already did (a local registry), else on the
     * channel's event loop when its read completes, reading no further request meanwhile so that
     * answers keep the order of requests. A registry that cannot be read gets 503.
     */
    private static <T> void reply(ChannelHandlerContext ctx, FullHttpRequest request, CompletionStage<T> read,
            Consumer<T> answer) {
        CompletableFuture<T> future = read.toCompletableFuture();
        if (future.isDone() && ctx.executor().inEventLoop()) {
            answerOrFail(ctx, request, future, answer);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        future.whenComplete((result, failure) -> ctx.executor().execute(() -> {
            answerOrFail(ctx, request, future, answer);
            ctx.channel().config().setAutoRead(true);
        }));
    }

    private static <T> void answerOrFail(ChannelHandlerContext ctx, FullHttpRequest request, CompletableFuture<T> done,
            Consumer<T> answer) {
        T result;
        try {
            result = done.join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            log.warn("Reading the subscriptions list failed: {}", cause.toString());
            Responses.error(ctx, request, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "The subscriptions list is unavailable (" + cause.getMessage() + "); retry later");
            return;
        }
        try {
            answer.accept(result);
        } catch (RuntimeException e) {
            log.error("Failed to answer a subscriptions request", e);
            Responses.error(ctx, request, HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal error");
        }
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, String hubUrl, String lastEventId,
            boolean legacy, String next, String body) {
        FullHttpResponse response = Responses.response(HttpResponseStatus.OK,
                legacy ? LEGACY_MEDIA_TYPE : "application/json", Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)));
        response.headers()
                .add("Link", "<" + hubUrl + ">; rel=\"mercure\"; last-event-id=" + quoted(lastEventId)
                        + "; type=\"mercure\"; content-type=\"application/json\"")
                // Volatile data: a cache must ask again every time.
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        if (next != null) {
            response.headers().add("Link", "<" + next + ">; rel=\"next\"");
        }
        Responses.send(ctx, request, response);
    }

    /** The subscription at {@code path}; a 0.x path names no type, so each type is tried in turn from {@code type}. */
    private CompletionStage<Optional<ActiveSubscription>> find(SubscriptionsPath path, int type) {
        if (path.matchType() != null) {
            return registry.findAsync(path.matchType(), path.match(), path.subscriber());
        }
        if (type == TYPES.size()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return registry.findAsync(TYPES.get(type), path.match(), path.subscriber())
                .thenCompose(found -> found.isPresent() ? CompletableFuture.completedFuture(found) : find(path, type + 1));
    }

    private static SubscriptionScope scope(SubscriptionsPath path) {
        return switch (path.shape()) {
            case MATCHER -> SubscriptionScope.matcher(path.matchType(), path.match());
            case LEGACY_TOPIC -> SubscriptionScope.topic(path.match());
            default -> SubscriptionScope.ALL;
        };
    }

    private static boolean wantsJsonLd(FullHttpRequest request) {
        String accept = request.headers().get(HttpHeaderNames.ACCEPT);
        return accept != null && accept.contains(LEGACY_MEDIA_TYPE);
    }

    private static int limit(Map<String, List<String>> params) {
        String value = single(params, "limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 0 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new BadRequestException("Invalid \"limit\" parameter: " + value + " (0 to " + MAX_LIMIT + ")");
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadRequestException("More than one \"" + name + "\" parameter");
        }
        return values.get(0);
    }

    /** An RFC 8288 quoted-string: ids are free text and may hold quotes or backslashes. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
