package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.testing.KernelSockets;
import dev.herald.server.testing.RunningHub;
import dev.herald.server.testing.TestCertificate;
import dev.herald.server.tls.TlsConfig;
import dev.herald.testkit.Poll;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator's TLS modes against a real Herald serving TLS in this process: subscribers
 * over HTTP/2 streams or HTTP/1.1 connections, publishers HTTP/1.1 over TLS, accounted by the same
 * scanner and trackers as the cleartext runs.
 */
class TlsSubscribersIT {
    @TempDir
    Path dir;
    private TestCertificate certificate;
    private RunningHub hub;
    private InetSocketAddress server;
    private final EventLoopGroup group = NettyIo.group(1);
    private SubscriberPool pool;

    @BeforeEach
    void startHeraldOverTls() throws Exception {
        certificate = TestCertificate.generate(dir, "localhost");
        hub = RunningHub.start(RunningHub.defaults()
                .withTls(TlsConfig.of(certificate.certificateFile(), certificate.keyFile())));
        server = new InetSocketAddress("127.0.0.1", hub.port());
    }

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.closeAll();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        hub.close();
    }

    @Test
    void twelveSubscribersShareThreeHttp2ConnectionsAndEachReadsEveryUpdateOnceInOrder() throws Exception {
        Wire wire = Wire.over(TlsMode.H2, certificate.certificateFile().toFile(), 5);

        open(wire, 12, "run1");

        assertThat(pool.readyCount()).as("streams answered 200 text/event-stream, first failure: %s",
                pool.firstFailure()).isEqualTo(12);
        assertThat(pool.negotiated()).startsWith("h2, TLSv1.");
        assertThat(establishedAtServer()).as("12 streams on connections of 5").isEqualTo(3);

        long published = publish(wire, "run1");

        assertEveryoneReadEveryUpdateOnceInOrder(published);
        assertThat(pool.disconnects.get()).isZero();
    }

    @Test
    void overHttp1EachSubscriberHasATlsConnectionOfItsOwn() throws Exception {
        Wire wire = Wire.over(TlsMode.H1, certificate.certificateFile().toFile(), 1);

        open(wire, 4, "run2");

        assertThat(pool.readyCount()).as("first failure: %s", pool.firstFailure()).isEqualTo(4);
        assertThat(pool.negotiated()).startsWith("http/1.1, TLSv1.");
        assertThat(establishedAtServer()).isEqualTo(4);

        long published = publish(wire, "run2");

        assertEveryoneReadEveryUpdateOnceInOrder(published);
    }

    @Test
    void streamsBeyondTheServersConcurrentStreamLimitFailSayingSoAndTheOthersOpen() throws Exception {
        // Herald lets a connection have 128 streams open at once.
        Wire wire = Wire.over(TlsMode.H2, certificate.certificateFile().toFile(), 130);

        open(wire, 130, "run3");

        assertThat(pool.readyCount()).isEqualTo(128);
        assertThat(pool.failedCount()).isEqualTo(2);
        assertThat(pool.firstFailure()).isEqualTo("the server allows 128 streams per connection"
                + " (SETTINGS_MAX_CONCURRENT_STREAMS); lower --streams-per-connection");
    }

    @Test
    void aCertificateTheClientDoesNotTrustFailsEveryConnectionSayingItWasTheHandshake() throws Exception {
        TestCertificate other = TestCertificate.generate(dir, "other");
        Wire h2 = Wire.over(TlsMode.H2, other.certificateFile().toFile(), 5);

        open(h2, 7, "run4");

        assertThat(pool.readyCount()).isZero();
        assertThat(pool.failedCount()).isEqualTo(7);
        assertThat(pool.firstFailure()).startsWith("TLS handshake failed");
        assertThatThrownBy(() -> new Publisher(Target.HERALD, server, 1, 1, 1, "run4", h2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLS handshake with")
                .hasMessageContaining("--tls-cert");
    }

    @Test
    void aTlsServerThatDoesNotOfferH2FailsEveryStreamSayingSo() throws Exception {
        SslContext noAlpn = SslContextBuilder.forServer(certificate.key(), certificate.certificate())
                .sslProvider(SslProvider.JDK).build();
        EventLoopGroup serverGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Channel listener = new ServerBootstrap().group(serverGroup).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(noAlpn.newHandler(ch.alloc()), new HttpServerCodec());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        try {
            server = (InetSocketAddress) listener.localAddress();

            open(Wire.over(TlsMode.H2, certificate.certificateFile().toFile(), 5), 3, "run5");

            assertThat(pool.failedCount()).isEqualTo(3);
            assertThat(pool.firstFailure()).isEqualTo("the server chose no protocol by ALPN, not h2");
        } finally {
            listener.close().sync();
            serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private void open(Wire wire, int subscribers, String runId) throws Exception {
        pool = new SubscriberPool(group, NettyIo.socketChannel(), Target.HERALD, server, 2, 256, new Shard.Clock(), wire);
        pool.open(0, Collections.nCopies(subscribers, Scenario.topicName(runId, 0))).get(30, TimeUnit.SECONDS);
    }

    /** Publishes about 50 updates to the run's topic over TLS; returns how many. */
    private long publish(Wire wire, String runId) throws Exception {
        try (Publisher publisher = new Publisher(Target.HERALD, server, 1, 16, 1, runId, wire)) {
            Publisher.Stats stats = publisher.run(100, Duration.ofMillis(500)).get(30, TimeUnit.SECONDS);
            assertThat(stats.errors()).isZero();
            assertThat(publisher.negotiated()).startsWith("http/1.1, TLSv1.");
            long[] perTopic = publisher.publishedPerTopic().get(10, TimeUnit.SECONDS);
            assertThat(perTopic[0]).isEqualTo(stats.ok()).isGreaterThan(10);
            return perTopic[0];
        }
    }

    private void assertEveryoneReadEveryUpdateOnceInOrder(long published) {
        Poll.until("every subscriber has all " + published + " updates",
                () -> List.of(pool.handlers()).stream().allMatch(h -> h.tracker.distinct() == published));
        for (SubscriberHandler h : pool.handlers()) {
            assertThat(h.tracker.losses(published)).isZero();
            assertThat(h.tracker.duplicates()).isZero();
            assertThat(h.tracker.outOfOrder()).isZero();
        }
    }

    private long establishedAtServer() {
        return KernelSockets.serverSide(hub.port()).stream().filter(s -> s.state().equals("ESTAB")).count();
    }
}
