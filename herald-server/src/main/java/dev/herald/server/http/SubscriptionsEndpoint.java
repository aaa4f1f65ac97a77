package dev.herald.server.http;

import dev.herald.hub.Hub;
import dev.herald.presence.ActiveSubscription;
import dev.herald.presence.SubscriptionPage;
import dev.herald.presence.SubscriptionRegistry;
import dev.herald.presence.SubscriptionScope;
import dev.herald.presence.SubscriptionTopics;
import dev.herald.server.auth.Authorizer;
import dev.herald.server.auth.Grants;
import dev.herald.server.presence.SubscriptionDocuments;
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

/**
 * {@code GET /.well-known/mercure/subscriptions[/{match_type}/{match}[/{subscriber}]]} (0.x:
 * {@code [/{topic}[/{subscriber}]]}): the active subscriptions, to a token granted {@code subscribe}
 * on the path. Collections come in pages ({@code limit}, {@code after}, a {@code rel="next"} link)
 * with a {@code total}; every answer carries the reconciliation cursor on its {@code rel="mercure"}
 * link (0.x: {@code lastEventID} in the body).
 */
final class SubscriptionsEndpoint {
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;
    private static final String LEGACY_MEDIA_TYPE = "application/ld+json";

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
        String hubUrl = HubUrls.of(ctx.channel(), request);
        String id = path.canonical();
        Grants grants = authorizer.authorizeSubscriptionsApi(request, params, hubUrl, id);
        // The cursor is read before the registry: a change it misses has its event after the cursor.
        String lastEventId = hub.lastEventId();
        boolean legacy = path.shape().legacy()
                || (path.shape() == SubscriptionsPath.Shape.ALL && (!grants.accessToken() || wantsJsonLd(request)));
        String body;
        String next = null;
        if (path.shape().single()) {
            Optional<ActiveSubscription> found = find(path);
            if (found.isEmpty()) {
                Responses.error(ctx, request, HttpResponseStatus.NOT_FOUND, "No active subscription " + id);
                return;
            }
            body = legacy ? SubscriptionDocuments.legacySubscription(found.get(), true, lastEventId)
                    : SubscriptionDocuments.subscription(found.get(), true);
        } else {
            SubscriptionPage page = registry.page(scope(path), after, limit);
            body = legacy ? SubscriptionDocuments.legacyCollection(id, page, lastEventId)
                    : SubscriptionDocuments.collection(id, page);
            // limit=0 asks for the total alone: an empty page has no cursor to continue from
            if (page.more() && limit > 0) {
                next = id + "?after=" + SubscriptionTopics.encode(page.lastId()) + "&limit=" + limit;
            }
        }
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

    private Optional<ActiveSubscription> find(SubscriptionsPath path) {
        if (path.matchType() != null) {
            return registry.find(path.matchType(), path.match(), path.subscriber());
        }
        for (String type : SubscriptionsPath.TYPES) {
            Optional<ActiveSubscription> found = registry.find(type, path.match(), path.subscriber());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
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
