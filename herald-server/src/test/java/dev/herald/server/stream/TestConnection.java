package dev.herald.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.unix.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A subscriber connection under test. Its Netty side is an {@link EmbeddedChannel}, its direct
 * side a fake {@link SendSocket}; both write into one fake kernel send buffer, which takes what
 * {@link #accept} allows (everything by default) and records what the peer receives in the order
 * it was taken, each piece tagged with the way it came. The fake socket fails the test on a send
 * while Netty holds bytes of the connection, or on a closed socket.
 */
final class TestConnection {
    /** How bytes entered the kernel. */
    enum Way { SEND, WRITEV, NETTY }

    /** The bytes the kernel took in one call, as ISO-8859-1 text. */
    record Piece(Way way, String text) {
        @Override
        public String toString() {
            return way + " \"" + text + "\"";
        }
    }

    private final List<Piece> received = new ArrayList<>();
    private final KernelChannel channel;
    private final FakeSendSocket socket = new FakeSendSocket();
    private final List<FrameWriter> writers = new ArrayList<>();
    private long window = Long.MAX_VALUE;

    TestConnection(ChannelHandler... handlers) {
        channel = new KernelChannel(handlers);
    }

    EmbeddedChannel channel() {
        return channel;
    }

    FakeSendSocket socket() {
        return socket;
    }

    FrameWriter writer(WriterKind kind) {
        FrameWriter writer = kind == WriterKind.DIRECT
                ? new DirectFrameWriter(channel, socket) : new NettyFrameWriter(channel);
        writers.add(writer);
        return writer;
    }

    /** The kernel takes at most {@code bytes} more until told otherwise. */
    void accept(long bytes) {
        window = bytes;
    }

    void stall() {
        accept(0);
    }

    /** The kernel takes everything again and Netty writes what it has flushed, as on EPOLLOUT. */
    void drain() {
        window = Long.MAX_VALUE;
        channel.writeFlushed();
    }

    void highWaterMark(int low, int high) {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(low, high));
    }

    /** Bytes of this connection waiting in Netty's outbound buffer, flushed or not. */
    long nettyPendingBytes() {
        ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
        return queued == null ? 0 : queued.totalPendingWriteBytes();
    }

    List<Piece> pieces() {
        return List.copyOf(received);
    }

    /** Everything the peer received, in order. */
    String received() {
        StringBuilder all = new StringBuilder();
        received.forEach(p -> all.append(p.text()));
        return all.toString();
    }

    /** What the peer received after the response head, if there was one. */
    String body() {
        String all = received();
        int end = all.indexOf("\r\n\r\n");
        return end < 0 ? all : all.substring(end + 4);
    }

    /** Closes what the test left open, releasing this thread's gathered frames for the next test. */
    void close() {
        writers.forEach(FrameWriter::close);
        channel.close();
    }

    /** Up to the kernel's window of {@code src}'s remaining bytes, appended to {@code into}; src does not move. */
    private int take(ByteBuffer src, StringBuilder into) {
        int n = (int) Math.min(src.remaining(), window);
        for (int i = 0; i < n; i++) {
            into.append((char) (src.get(src.position() + i) & 0xFF));
        }
        if (window != Long.MAX_VALUE) {
            window -= n;
        }
        return n;
    }

    private void record(Way way, StringBuilder taken) {
        if (taken.length() > 0) {
            received.add(new Piece(way, taken.toString()));
        }
    }

    /** Netty's side: its writes go into the fake kernel, a partial write leaving the rest queued. */
    private final class KernelChannel extends EmbeddedChannel {
        KernelChannel(ChannelHandler... handlers) {
            super(handlers);
        }

        @Override
        protected void doWrite(ChannelOutboundBuffer in) {
            StringBuilder taken = new StringBuilder();
            while (in.current() != null) {
                assertThat(in.current()).as("what Netty writes").isInstanceOf(ByteBuf.class);
                ByteBuf buf = (ByteBuf) in.current();
                int readable = buf.readableBytes();
                int n = readable == 0 ? 0 : take(buf.nioBuffer(), taken);
                in.removeBytes(n);
                if (n < readable) {
                    break; // the kernel is full: the rest waits, as epoll waits for EPOLLOUT
                }
            }
            record(Way.NETTY, taken);
        }

        void writeFlushed() {
            ChannelOutboundBuffer queued = unsafe().outboundBuffer();
            if (queued != null) {
                doWrite(queued);
            }
        }
    }

    /** The direct side: takes from the same kernel, and checks the rules of the direct path. */
    final class FakeSendSocket implements SendSocket {
        private int calls;
        private IOException failure;

        /** Calls that reached the socket. */
        int calls() {
            return calls;
        }

        /** The next call fails as a reset connection would. */
        void failNextCall() {
            failure = new IOException("Connection reset by peer") {
                @Override
                public synchronized Throwable fillInStackTrace() {
                    return this; // expected: no stack trace in the build's log
                }
            };
        }

        @Override
        public long send(ByteBuffer frame, long address) throws IOException {
            called();
            assertThat(address).as("native address of the frame").isEqualTo(Buffer.memoryAddress(frame));
            StringBuilder taken = new StringBuilder();
            int n = take(frame, taken);
            record(Way.SEND, taken);
            return n;
        }

        @Override
        public long writev(ByteBuffer[] frames, int count) throws IOException {
            called();
            StringBuilder taken = new StringBuilder();
            long written = 0;
            for (int i = 0; i < count; i++) {
                int n = take(frames[i], taken);
                written += n;
                if (n < frames[i].remaining()) {
                    break;
                }
            }
            record(Way.WRITEV, taken);
            return written;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        private void called() throws IOException {
            assertThat(isOpen()).as("socket open at a send").isTrue();
            assertThat(nettyPendingBytes()).as("bytes Netty holds at a direct send").isZero();
            calls++;
            if (failure != null) {
                IOException e = failure;
                failure = null;
                throw e;
            }
        }
    }
}
