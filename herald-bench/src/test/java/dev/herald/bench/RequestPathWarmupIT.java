package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestPathWarmupIT {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Set<String> topicsSeen = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void publishesOnlyToATopicNoSubscriberOfTheRunUses() throws Exception {
        InetSocketAddress server = serverAnswering(HttpResponseStatus.OK);

        Publisher.Stats stats = RequestPathWarmup.run(Target.NCHAN, server, "run7", 0.3);

        assertThat(stats.ok()).isPositive().isEqualTo(requests.get());
        assertThat(stats.errors()).isZero();
        String warmupTopic = Scenario.topicName(RequestPathWarmup.warmupRunId("run7"), 0);
        assertThat(topicsSeen).containsExactly(warmupTopic);
        for (Scenario scenario : Scenario.values()) {
            for (int subscriber = 0; subscriber < 100; subscriber++) {
                assertThat(Scenario.topicName("run7", scenario.topicOf(subscriber))).isNotEqualTo(warmupTopic);
            }
        }
    }

    @Test
    void aServerThatAcknowledgesNoPublishStopsTheRunWithAClearMessage() throws Exception {
        InetSocketAddress server = serverAnswering(HttpResponseStatus.SERVICE_UNAVAILABLE);

        assertThatThrownBy(() -> RequestPathWarmup.run(Target.NCHAN, server, "run8", 0.2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acknowledged none of the")
                .hasMessageContaining("error answers");
        assertThat(requests.get()).isPositive();
    }

    /** A keep-alive HTTP server that records each publish's topic and answers with {@code status}. */
    private InetSocketAddress serverAnswering(HttpResponseStatus status) throws InterruptedException {
        Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                        requests.incrementAndGet();
                                        topicsSeen.addAll(new QueryStringDecoder(request.uri()).parameters()
                                                .getOrDefault("topic", List.of()));
                                        FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
                                        answer.content().writeCharSequence("ok", StandardCharsets.US_ASCII);
                                        answer.headers().set(HttpHeaderNames.CONTENT_LENGTH, answer.content().readableBytes());
                                        ctx.writeAndFlush(answer);
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        return (InetSocketAddress) listener.localAddress();
    }
}
