package dev.herald.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The soak's publisher: a steady rate on random topics (half on the hot ones) plus, every so
 * often, a burst on the hot topics within one second. Each topic is bound to one of a few
 * keep-alive connections with pipelined requests, so a topic's sequence numbers reach the hub in
 * order. Confined to its own event loop.
 */
final class SoakPublisher implements AutoCloseable {
    private static final int CONNECTIONS = 4;
    private static final int WINDOW = 64;

    private final SoakConfig config;
    private final String host;
    private final String padding;
    private final EventLoopGroup group = NettyIo.group(1);
    private final Conn[] connections = new Conn[CONNECTIONS];
    private final long[] seqByTopic;
    private final SplittableRandom random = new SplittableRandom(7);
    private ScheduledFuture<?> tick;
    private long sent, ok, errors, lost;

    /** Totals so far: sent, acknowledged, error answers, and requests lost with a connection. */
    record Totals(long sent, long ok, long errors, long lost) {}

    SoakPublisher(SoakConfig config) throws InterruptedException {
        this.config = config;
        this.host = config.server().getHostString() + ":" + config.server().getPort();
        this.padding = "x".repeat(config.payloadBytes());
        this.seqByTopic = new long[config.topics()];
        for (int i = 0; i < CONNECTIONS; i++) {
            Conn c = new Conn();
            new Bootstrap().group(group).channel(NettyIo.socketChannel())
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16), c);
                        }
                    }).connect(config.server()).sync();
            connections[i] = c;
        }
    }

    static String topicName(String runId, int topic) {
        return "soak-" + runId + "-" + topic;
    }

    /** Starts publishing until {@link #stop()}. */
    void start() {
        group.next().execute(() -> {
            long start = System.nanoTime();
            long[] issued = {0, 0}; // steady, burst
            tick = group.next().scheduleAtFixedRate(() -> {
                double elapsed = (System.nanoTime() - start) / 1e9;
                for (long due = (long) (config.rate() * elapsed); issued[0] < due; issued[0]++) {
                    publish(SoakTopics.pick(random, config.topics(), config.hotTopics()));
                }
                for (long due = burstsDue(config, elapsed); issued[1] < due; issued[1]++) {
                    publish(random.nextInt(config.hotTopics()));
                }
            }, 0, 5, TimeUnit.MILLISECONDS);
        });
    }

    /** Burst publishes due after {@code elapsed} seconds: bursts start every {@code burstEvery} s and each takes one second. */
    static long burstsDue(SoakConfig config, double elapsed) {
        if (config.burstEvery() <= 0 || config.burstSize() == 0 || elapsed < config.burstEvery()) {
            return 0;
        }
        long started = (long) (elapsed / config.burstEvery());
        double into = elapsed - started * config.burstEvery();
        return (started - 1) * config.burstSize() + (long) (config.burstSize() * Math.min(1, into));
    }

    /** Stops offering updates; completes once every request sent is answered (or lost with its connection). */
    CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        group.next().execute(() -> {
            if (tick != null) {
                tick.cancel(false);
            }
            ScheduledFuture<?>[] wait = new ScheduledFuture<?>[1];
            wait[0] = group.next().scheduleAtFixedRate(() -> {
                int outstanding = 0;
                for (Conn c : connections) {
                    outstanding += c.inFlight + c.backlog.size();
                }
                if (outstanding == 0) {
                    wait[0].cancel(false);
                    done.complete(null);
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
        });
        return done;
    }

    CompletableFuture<Totals> totals() {
        CompletableFuture<Totals> f = new CompletableFuture<>();
        group.next().execute(() -> f.complete(new Totals(sent, ok, errors, lost)));
        return f;
    }

    /** Updates published per topic: topic {@code k} carried sequences 1..result[k]. */
    CompletableFuture<long[]> publishedPerTopic() {
        CompletableFuture<long[]> f = new CompletableFuture<>();
        group.next().execute(() -> f.complete(seqByTopic.clone()));
        return f;
    }

    private void publish(int topic) {
        connections[topic % CONNECTIONS].submit(topic);
    }

    private FullHttpRequest request(Channel ch, int topic) {
        long seq = ++seqByTopic[topic];
        sent++;
        String body = "topic=" + URLEncoder.encode(topicName(config.runId(), topic), StandardCharsets.UTF_8)
                + "&data=" + URLEncoder.encode(SoakPayload.format(topic, seq, WallClock.micros(), padding),
                StandardCharsets.UTF_8);
        ByteBuf buf = ch.alloc().buffer(body.length()).writeBytes(body.getBytes(StandardCharsets.US_ASCII));
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/.well-known/mercure", buf);
        r.headers().set(HttpHeaderNames.HOST, host)
                .set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
                .set(HttpHeaderNames.CONTENT_LENGTH, buf.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        return r;
    }

    /** One pipelined connection; at most {@link #WINDOW} requests in flight, the rest wait in order. */
    private final class Conn extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final ArrayDeque<Integer> backlog = new ArrayDeque<>();
        private Channel channel;
        private int inFlight;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        void submit(int topic) {
            if (!channel.isActive()) {
                lost++;
                return;
            }
            if (inFlight < WINDOW && backlog.isEmpty()) {
                inFlight++;
                channel.writeAndFlush(request(channel, topic), channel.voidPromise());
            } else {
                backlog.add(topic);
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            inFlight--;
            if (response.status().code() / 100 == 2) {
                ok++;
            } else {
                errors++;
            }
            boolean wrote = false;
            while (inFlight < WINDOW && !backlog.isEmpty()) {
                inFlight++;
                channel.write(request(channel, backlog.poll()), channel.voidPromise());
                wrote = true;
            }
            if (wrote) {
                channel.flush();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            lost += inFlight + backlog.size();
            inFlight = 0;
            backlog.clear();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
