package dev.herald.server.http;

import dev.herald.hub.Hub;
import dev.herald.hub.SubscriptionHandle;
import dev.herald.protocol.FormDecoder;
import dev.herald.protocol.SubscribeRequests;
import dev.herald.protocol.presence.PresenceTracker;
import dev.herald.server.ServerConfig;
import dev.herald.protocol.auth.Authorizer;
import dev.herald.server.stream.FrameWriter;
import dev.herald.server.stream.StreamDrain;
import dev.herald.server.stream.SubscriberStream;
import dev.herald.server.stream.SubscriptionChannelHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /.well-known/mercure?match=…} (or {@code QUERY} with a form body; 0.x: {@code topic=…}):
 * validates the request, then turns the connection into an event stream fed by the hub.
 */
final class SubscribeEndpoint {
    private final Hub hub;
    private final boolean directSend;
    private final SubscribeRequests requests;
    private final PresenceTracker presence;
    private final StreamDrain drain;
    /** Concurrent subscriptions per token subject, or null for no limit. */
    private final ConcurrencyLimit perSubject;

    SubscribeEndpoint(Hub hub, ServerConfig config, Authorizer authorizer, PresenceTracker presence,
            StreamDrain drain) {
        this.hub = hub;
        this.drain = drain;
        this.presence = presence;
        this.requests = new SubscribeRequests(authorizer, config.maxTopicsPerRequest(), config.maxMatcherLength(),
                config.maxConnectionLifetime());
        this.directSend = config.directSend();
        int maxPerSubject = config.limits().maxSubscriptionsPerSubject();
        this.perSubject = maxPerSubject > 0 ? new ConcurrencyLimit(maxPerSubject) : null;
    }

    /**
     * @param body the form body of a {@code QUERY} request (its parameters join the query's), or
     *     an empty map for {@code GET}
     */
    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String query, Map<String, List<String>> body) {
        SubscribeRequests.Accepted accepted = requests.parse(new NettyHubRequest(ctx.channel(), request),
                FormDecoder.decode(query), body);
        // Last, once nothing can refuse the request any more: slots are held until the connection (HTTP/2: stream) closes.
        if (!PerAddressLimiter.admitSubscription(ctx, request) || !holdSubjectSlot(ctx, request, accepted.grants().subject())) {
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
        SubscriptionHandle handle = hub.subscribe(accepted.subscription(), stream);
        streamHandler.attach(handle);
        if (presence != null) {
            PresenceTracker.Presence announced = presence.begin(accepted.activeSubscriptions());
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
}
