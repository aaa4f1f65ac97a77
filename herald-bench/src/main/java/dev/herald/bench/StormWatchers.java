package dev.herald.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The storm scenario's steady subscribers, in the coordinator's process next to the publisher:
 * the watchers of the fanned-out topic, whose every delivery is logged so the run can be cut into
 * phases afterwards, and the readers of the hub's subscription events. Each kind has an event
 * loop of its own, and neither shares one with the storm's clients, so handling a burst in the
 * client never delays a watcher's read.
 */
final class StormWatchers implements AutoCloseable {
    /** What the watchers of the fanned-out topic saw of it. */
    record TopicAccount(long distinct, long losses, long duplicates, long outOfOrder, long malformed, long cutOff) {}

    private static final long OPEN_SECONDS = 60;

    private final EventLoopGroup topicGroup = NettyIo.group(1);
    private final EventLoopGroup eventsGroup = NettyIo.group(1);
    private final Shard.Clock clock = new Shard.Clock(true);
    private final SubscriberPool topicWatchers;
    private final List<EventWatcherHandler> eventWatchers = new ArrayList<>();
    private final List<Channel> eventChannels = new ArrayList<>();
    /** Watchers the server ended before the run closed them; known once closed. */
    private int eventWatchersCut;
    private long topicWatchersCut;

    /**
     * Opens {@code watchers} subscribers of {@code topic}, then {@code eventWatchers} readers of
     * subscription events matching {@code eventsMatch} (a 1.0 {@code match_urlpattern}) with
     * {@code token}, which count the events about topics starting with {@code stormTopicPrefix}.
     */
    StormWatchers(Target target, InetSocketAddress server, String topic, int watchers, int eventWatchers,
                  String eventsMatch, String token, String stormTopicPrefix) throws Exception {
        topicWatchers = new SubscriberPool(topicGroup, NettyIo.socketChannel(), target, server, 1, 256, clock);
        try {
            topicWatchers.open(0, Collections.nCopies(watchers, topic)).get(OPEN_SECONDS, TimeUnit.SECONDS);
            if (topicWatchers.failedCount() > 0) {
                throw new IllegalStateException(topicWatchers.failedCount() + " of " + watchers
                        + " topic watchers did not open: " + topicWatchers.firstFailure());
            }
            String host = server.getHostString() + ":" + server.getPort();
            for (int i = 0; i < eventWatchers; i++) {
                EventWatcherHandler h = new EventWatcherHandler(eventsRequest(host, eventsMatch, token), stormTopicPrefix);
                Channel ch = new Bootstrap().group(eventsGroup).channel(NettyIo.socketChannel())
                        .handler(new ChannelInitializer<>() {
                            @Override
                            protected void initChannel(Channel c) {
                                c.pipeline().addLast(new HttpClientCodec(), h);
                            }
                        }).connect(server).sync().channel();
                h.opened().get(OPEN_SECONDS, TimeUnit.SECONDS);
                this.eventWatchers.add(h);
                eventChannels.add(ch);
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private static FullHttpRequest eventsRequest(String host, String match, String token) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                "/.well-known/mercure?match_urlpattern=" + URLEncoder.encode(match, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.HOST, host)
                .set(HttpHeaderNames.ACCEPT, "text/event-stream")
                .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
        return r;
    }

    /** Closes the event watchers first, then the topic watchers; the figures below are read after this. */
    @Override
    public void close() {
        eventWatchersCut = (int) eventChannels.stream().filter(c -> !c.isActive()).count();
        eventsGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        topicWatchersCut = topicWatchers.disconnects.get(); // before our own closes count too
        topicWatchers.closeAll();
        topicGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Publish→receive latency of the topic's deliveries published inside any of {@code windows}. */
    StormResult.Latency latency(List<long[]> windows) {
        Histogram h = new Histogram(60_000_000L, 3);
        for (LoopStats s : clock.loops()) {
            for (long[] w : windows) {
                s.log().addPublishedBetween(w[0], w[1], h);
            }
        }
        return StormResult.Latency.of(h);
    }

    /** @param published updates the publisher sent to the topic */
    TopicAccount topicAccount(long published) {
        long distinct = 0, losses = 0, dups = 0, ooo = 0, malformed = 0;
        for (SubscriberHandler h : topicWatchers.handlers()) {
            distinct += h.tracker.distinct();
            losses += h.tracker.losses(published);
            dups += h.tracker.duplicates();
            ooo += h.tracker.outOfOrder();
        }
        for (LoopStats s : clock.loops()) {
            malformed += s.malformed;
        }
        return new TopicAccount(distinct, losses, dups, ooo, malformed, topicWatchersCut);
    }

    /** Subscription events about storm connections, summed over the event watchers (opened and closed). */
    long eventsReceived() {
        return eventWatchers.stream().mapToLong(h -> h.counter().active() + h.counter().inactive()).sum();
    }

    int topicWatcherCount() {
        return topicWatchers.handlers().length;
    }

    int eventWatcherCount() {
        return eventWatchers.size();
    }

    int eventWatchersCut() {
        return eventWatchersCut;
    }
}
