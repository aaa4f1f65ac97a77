package dev.herald.server.http;

import dev.herald.hub.Hub;
import dev.herald.hub.ResumePoint;
import dev.herald.hub.Subscription;
import dev.herald.hub.SubscriptionHandle;
import dev.herald.server.ServerConfig;
import dev.herald.server.auth.Authorizer;
import dev.herald.server.auth.Grants;
import dev.herald.server.stream.FrameWriter;
import dev.herald.server.stream.SubscriberStream;
import dev.herald.server.stream.SubscriptionChannelHandler;
import dev.herald.topic.SelectorCache;
import dev.herald.topic.TopicSelector;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /.well-known/mercure?topic=…}: validates the request, then turns the connection into
 * an event stream fed by the hub.
 */
final class SubscribeEndpoint {
    private final Hub hub;
    private final int maxTopics;
    private final boolean directSend;
    private final SelectorCache selectors = new SelectorCache(10_000);

    private final Authorizer authorizer;

    SubscribeEndpoint(Hub hub, ServerConfig config, Authorizer authorizer) {
        this.hub = hub;
        this.authorizer = authorizer;
        this.maxTopics = config.maxTopicsPerRequest();
        this.directSend = config.directSend();
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String query) {
        Map<String, List<String>> params = FormDecoder.decode(query);
        List<String> topics = params.getOrDefault("topic", List.of());
        if (topics.isEmpty()) {
            throw new BadRequestException("Missing \"topic\" parameter");
        }
        if (topics.size() > maxTopics) {
            throw new BadRequestException("Too many \"topic\" parameters: " + topics.size()
                    + " (limit " + maxTopics + ")");
        }
        List<TopicSelector> parsed = new ArrayList<>(topics.size());
        for (String topic : topics) {
            try {
                parsed.add(selectors.get(topic));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("Invalid \"topic\" parameter: " + e.getMessage());
            }
        }
        Grants grants = authorizer.authorizeSubscribe(request, params);
        Subscription subscription = new Subscription(parsed, grants.subscribe(), resumePoint(request, params),
                grants.expiresAt(), grants.payloadJson());

        // The connection now belongs to the stream: no more HTTP requests are read from it.
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.remove(HttpChannelInitializer.AGGREGATOR);
        pipeline.remove(HttpChannelInitializer.TIMEOUT);
        Channel channel = ctx.channel();
        // The direct path writes to the epoll socket itself; other transports go through Netty.
        FrameWriter writer = directSend && channel instanceof EpollSocketChannel epoll
                ? FrameWriter.direct(epoll) : FrameWriter.netty(channel);
        SubscriberStream stream = new SubscriberStream(channel, writer, CorsPolicy.responseHeaders(channel));
        SubscriptionChannelHandler streamHandler = new SubscriptionChannelHandler();
        pipeline.replace(HttpChannelInitializer.ROUTER, "subscription", streamHandler);
        SubscriptionHandle handle = hub.subscribe(subscription, stream);
        streamHandler.attach(handle);
    }

    /** The {@code Last-Event-ID} header wins over the {@code lastEventID} query parameter. */
    private static ResumePoint resumePoint(FullHttpRequest request, Map<String, List<String>> params) {
        String header = request.headers().get("Last-Event-ID");
        if (header != null) {
            return ResumePoint.after(headerAsUtf8(header));
        }
        List<String> query = params.get("lastEventID");
        return query == null ? ResumePoint.live() : ResumePoint.after(query.get(0));
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
