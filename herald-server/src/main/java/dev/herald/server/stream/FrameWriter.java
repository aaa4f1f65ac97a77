package dev.herald.server.stream;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.nio.ByteBuffer;

/**
 * How a subscriber stream's bytes reach its socket. Called on the channel's event loop only.
 *
 * <p>Everything given goes out in the order given, whichever method took it, and nothing reaches
 * the network before {@link #flush()} or {@link #writeAndFlush}. Frames are shared by every
 * subscriber: a writer never changes a frame's position or limit (it keeps a duplicate if needed).
 */
public interface FrameWriter {

    /** Every frame through Netty's outbound buffer. */
    static FrameWriter netty(Channel channel) {
        return new NettyFrameWriter(channel);
    }

    /** Frames straight to the socket while Netty holds nothing of this connection. */
    static FrameWriter direct(EpollSocketChannel channel) {
        return new DirectFrameWriter(channel, new EpollSendSocket(channel));
    }

    /** Queues a message for Netty's pipeline (the response head, a heartbeat buffer) behind all given so far. */
    void writeMessage(Object message);

    /** Queues a frame. */
    void write(ByteBuffer frame);

    /** Sends a frame now, as {@link #write} then {@link #flush} would. */
    void writeAndFlush(ByteBuffer frame);

    /** Sends everything queued. */
    void flush();

    /** False while the queued bytes exceed the channel's high water mark (the subscriber's budget). */
    boolean isWritable();

    /** False once the connection is closed; cheap enough to ask before every delivery. */
    boolean isOpen();

    /** Closes the connection gracefully: bytes already in the kernel still reach the peer, then a FIN. */
    void close();

    /**
     * Aborts the connection: drops every byte not yet acknowledged, Netty's and the kernel's, and
     * resets it (RST), so that nothing stays pinned for a peer that stopped reading.
     */
    void abort();
}
