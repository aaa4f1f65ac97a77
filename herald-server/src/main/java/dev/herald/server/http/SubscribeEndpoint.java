package dev.herald.server.http;

import dev.herald.event.Update;
import dev.herald.hub.Hub;
import dev.herald.presence.ActiveSubscription;
import dev.herald.presence.SubscriberIds;
import dev.herald.server.presence.PresenceTracker;
import dev.herald.topic.MatcherType;
import java.util.LinkedHashMap;
import dev.herald.hub.ResumePoint;
import dev.herald.hub.Subscription;
import dev.herald.hub.SubscriptionHandle;
import dev.herald.server.ServerConfig;
import dev.herald.server.auth.Authorizer;
import dev.herald.server.auth.Grants;
import dev.herald.server.stream.FrameWriter;
import dev.herald.server.stream.StreamDrain;
import dev.herald.server.stream.SubscriberStream;
import dev.herald.server.stream.SubscriptionChannelHandler;
import dev.herald.topic.SelectorCache;
import dev.herald.topic.TopicSelector;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /.well-known/mercure?match=…} (or {@code QUERY} with a form body; 0.x: {@code topic=…}):
 * validates the request, then turns the connection into an event stream fed by the hub.
 */
final class SubscribeEndpoint {
    /**
     * The matcher type name under which a 0.x URI template selector appears in 1.0 subscription
     * documents: 1.0 has no such type, and a document needs one.
     */
    static final String LEGACY_TEMPLATE_TYPE = "uritemplate";
    private final Hub hub;
    private final int maxTopics;
    private final int maxMatcherLength;
    private final boolean directSend;
    private final Duration maxLifetime;
    private final SelectorCache selectors = new SelectorCache(10_000);

    private final Authorizer authorizer;
    private final PresenceTracker presence;
    private final StreamDrain drain;
    /** Concurrent subscriptions per token subject, or null for no limit. */
    private final ConcurrencyLimit perSubject;

    SubscribeEndpoint(Hub hub, ServerConfig config, Authorizer authorizer, PresenceTracker presence,
            StreamDrain drain) {
        this.hub = hub;
        this.drain = drain;
        this.authorizer = authorizer;
        this.presence = presence;
        this.maxTopics = config.maxTopicsPerRequest();
        this.maxMatcherLength = config.maxMatcherLength();
        this.directSend = config.directSend();
        this.maxLifetime = config.maxConnectionLifetime();
        int maxPerSubject = config.limits().maxSubscriptionsPerSubject();
        this.perSubject = maxPerSubject > 0 ? new ConcurrencyLimit(maxPerSubject) : null;
    }

    /**
     * @param body the form body of a {@code QUERY} request (its parameters join the query's), or
     *     an empty map for {@code GET}
     */
    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String query, Map<String, List<String>> body) {
        Map<String, List<String>> params = FormDecoder.decode(query);
        SubscribeParameters parameters = SubscribeParameters.parse(params, body, maxTopics, maxMatcherLength);
        String hubUrl = HubUrls.of(ctx.channel(), request);
        List<TopicSelector> parsed = new ArrayList<>(parameters.matchers().size());
        for (SubscribeParameters.Matcher m : parameters.matchers()) {
            try {
                parsed.add(m.type() == null ? selectors.get(m.value()) : selectors.get(m.type(), m.value(), hubUrl));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("Invalid \"" + m.parameter() + "\" parameter: " + e.getMessage());
            }
        }
        Grants grants = authorizer.authorizeSubscribe(request, params, hubUrl);
        boolean legacyReader = parameters.matchers().stream().allMatch(m -> m.type() == null);
        Subscription subscription = new Subscription(parsed, grants.subscribe(),
                resumePoint(request, parameters.lastEventId()), endOf(grants.expiresAt()), legacyReader);
        // Last, once nothing can refuse the request any more: slots are held until the connection (HTTP/2: stream) closes.
        if (!PerAddressLimiter.admitSubscription(ctx, request) || !holdSubjectSlot(ctx, request, grants.subject())) {
            return;
        }

        // The connection now belongs to the stream: no more HTTP requests are read from it.
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.remove(HttpChannelInitializer.AGGREGATOR);
        pipeline.remove(HttpChannelInitializer.TIMEOUT);
        Channel channel = ctx.channel();
        // The direct path writes to the epoll socket itself; other transports, TLS and HTTP/2 streams
        // (whose bytes Netty encrypts or frames) go through Netty.
        FrameWriter writer = directSend && channel instanceof EpollSocketChannel epoll && !TlsChannels.isTls(channel)
                ? FrameWriter.direct(epoll) : FrameWriter.netty(channel);
        SubscriberStream stream = new SubscriberStream(channel, writer, CorsPolicy.responseHeaders(channel));
        SubscriptionChannelHandler streamHandler = new SubscriptionChannelHandler();
        pipeline.replace(HttpChannelInitializer.ROUTER, "subscription", streamHandler);
        SubscriptionHandle handle = hub.subscribe(subscription, stream);
        streamHandler.attach(handle);
        if (presence != null) {
            PresenceTracker.Presence announced = presence.begin(activeSubscriptions(parameters, parsed, grants));
            // However the connection ends (client gone, cut off, token expired), once and at once.
            channel.closeFuture().addListener(f -> announced.end());
        }
        drain.opened(channel);
    }

    /** False, and the request answered 429, when the token's subject has all its subscriptions open. */
    private boolean holdSubjectSlot(ChannelHandlerContext ctx, FullHttpRequest request, String subject) {
        if (perSubject == null || subject == null) {
            return true;
        }
        if (!perSubject.tryAcquire(subject)) {
            TooManyRequests.send(ctx, request, "Too many subscriptions for this token's subject: the limit is "
                    + perSubject.max() + " at a time (max subscriptions per subject)",
                    TooManyRequests.CONCURRENCY_RETRY_SECONDS);
            return false;
        }
        ctx.channel().closeFuture().addListener(f -> perSubject.release(subject));
        return true;
    }

    /** One per distinct matcher, under one hub-generated subscriber id for the connection. */
    private static List<ActiveSubscription> activeSubscriptions(SubscribeParameters parameters,
            List<TopicSelector> parsed, Grants grants) {
        String subscriber = SubscriberIds.next();
        Map<String, ActiveSubscription> distinct = new LinkedHashMap<>();
        for (int i = 0; i < parsed.size(); i++) {
            SubscribeParameters.Matcher m = parameters.matchers().get(i);
            String type = m.type() != null ? m.type().canonicalName()
                    : parsed.get(i).isExact() || Update.WILDCARD.equals(m.value())
                            ? MatcherType.EXACT.canonicalName() : LEGACY_TEMPLATE_TYPE;
            distinct.putIfAbsent(type + ' ' + m.value(),
                    new ActiveSubscription(subscriber, type, m.value(), grants.payloadFor(m.value())));
        }
        return new ArrayList<>(distinct.values());
    }

    /** The token's expiry or the end of the connection's maximum lifetime, whichever comes first. */
    private Instant endOf(Instant tokenExpiry) {
        if (maxLifetime == null) {
            return tokenExpiry;
        }
        Instant lifetimeEnd = Instant.now().plus(maxLifetime);
        return tokenExpiry == null || lifetimeEnd.isBefore(tokenExpiry) ? lifetimeEnd : tokenExpiry;
    }

    /** The {@code Last-Event-ID} header wins over the {@code last_event_id} (0.x {@code lastEventID}) parameter. */
    private static ResumePoint resumePoint(FullHttpRequest request, String lastEventIdParameter) {
        String header = request.headers().get("Last-Event-ID");
        if (header != null) {
            return ResumePoint.after(headerAsUtf8(header));
        }
        return lastEventIdParameter == null ? ResumePoint.live() : ResumePoint.after(lastEventIdParameter);
    }

    /** Netty reads header bytes as ISO-8859-1; ids are UTF-8. */
    private static String headerAsUtf8(String value) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException("Invalid UTF-8 in the Last-Event-ID header");
        }
    }
}
