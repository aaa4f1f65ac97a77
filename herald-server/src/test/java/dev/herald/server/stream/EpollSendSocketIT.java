package dev.herald.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.Buffer;
import io.netty.channel.unix.Limits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter on a real epoll connection over loopback: what the fakes of the other tests stand for. */
class EpollSendSocketIT {
    private final SharedFrames frames = new SharedFrames();
    private EventLoopGroup group;
    private ServerSocket server;
    private Socket peer;
    private EpollSocketChannel channel;
    private EpollSendSocket socket;

    @BeforeEach
    void connect() throws Exception {
        assumeTrue(Epoll.isAvailable(), "epoll (Linux) is not available");
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        channel = (EpollSocketChannel) new Bootstrap().group(group).channel(EpollSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(server.getLocalSocketAddress()).sync().channel();
        peer = server.accept();
        peer.setSoTimeout(10_000);
        socket = new EpollSendSocket(channel);
    }

    @AfterEach
    void close() throws Exception {
        if (group == null) {
            return;
        }
        channel.close().sync();
        peer.close();
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        frames.assertNoneMoved();
    }

    @Test
    void sendWritesTheFrameFromItsNativeAddress() throws Exception {
        ByteBuffer frame = frames.of("data: hello\n\n");

        long sent = onLoop(() -> socket.send(frame, Buffer.memoryAddress(frame)));

        assertThat(sent).isEqualTo(frame.remaining());
        assertThat(read(frame.remaining())).isEqualTo("data: hello\n\n");
    }

    @Test
    void writevWritesTheFramesInOrder() throws Exception {
        ByteBuffer[] batch = {frames.of("one "), frames.of("two "), frames.of("three "), null};

        long sent = onLoop(() -> socket.writev(batch, 3));

        assertThat(sent).isEqualTo(14);
        assertThat(read(14)).isEqualTo("one two three ");
    }

    @Test
    void aWritevOfMoreFramesThanOneCallTakesWritesTheFirstOnesOnly() throws Exception {
        ByteBuffer[] batch = new ByteBuffer[2000];
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < batch.length; i++) {
            String letter = String.valueOf((char) ('a' + i % 26));
            batch[i] = frames.of(letter);
            all.append(letter);
        }

        long sent = onLoop(() -> socket.writev(batch, batch.length));

        assertThat(sent).isEqualTo(Math.min(Limits.IOV_MAX, 1024));
        assertThat(read((int) sent)).isEqualTo(all.substring(0, (int) sent));
    }

    @Test
    void sendTakesNothingOnceTheKernelBufferIsFull() throws Exception {
        ByteBuffer frame = frames.of("x".repeat(64 * 1024));
        long address = Buffer.memoryAddress(frame);

        long last = -1;
        for (int i = 0; i < 2000 && last != 0; i++) { // the peer reads nothing: the buffers fill up
            last = onLoop(() -> socket.send(frame, address));
        }

        assertThat(last).isZero();
    }

    @Test
    void isOpenTurnsFalseOnceTheChannelCloses() throws Exception {
        assertThat(socket.isOpen()).isTrue();

        channel.close().sync();

        assertThat(socket.isOpen()).isFalse();
    }

    private <T> T onLoop(Callable<T> call) throws Exception {
        return channel.eventLoop().submit(call).get(10, TimeUnit.SECONDS);
    }

    private String read(int bytes) throws IOException {
        return new String(peer.getInputStream().readNBytes(bytes), StandardCharsets.ISO_8859_1);
    }
}
