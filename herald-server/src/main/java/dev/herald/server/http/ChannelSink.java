package dev.herald.server.http;

import dev.herald.event.StoredUpdate;
import dev.herald.hub.CloseReason;
import dev.herald.hub.SubscriberSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.Socket;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscriber connection as the hub sees it. Events go out as raw bytes on a response delimited
 * by connection close (no chunked framing per event), each a zero-copy view of the update's
 * shared off-heap frame.
 */
final class ChannelSink implements SubscriberSink {
    private static final Logger log = LoggerFactory.getLogger(ChannelSink.class);
    /** Sent right after the headers so proxies and browsers see the stream open, and as heartbeat. */
    private static final ByteBuf COMMENT = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeBytes(":\n".getBytes(StandardCharsets.US_ASCII)).asReadOnly());

    private final Channel channel;
    /** The epoll socket for direct sends; null on other transports. */
    private final Socket socket;
    /**
     * False only while everything we wrote is known to be in the kernel; lets the direct path
     * skip looking at Netty's outbound buffer (one less object to touch per delivery).
     */
    private boolean nettyMayHoldBytes = true;

    /** @param directSend whether to use the direct path where the channel allows it (epoll) */
    ChannelSink(Channel channel, boolean directSend) {
        this.channel = channel;
        this.socket = directSend && channel instanceof EpollSocketChannel epoll ? (Socket) epoll.fd() : null;
    }

    @Override
    public ScheduledExecutorService eventLoop() {
        return channel.eventLoop();
    }

    @Override
    public void open(String lastEventIdHeader) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                .set(HttpHeaderNames.CACHE_CONTROL, "private, no-cache, no-store, must-revalidate, max-age=0")
                .set("X-Accel-Buffering", "no")
                .set("X-Content-Type-Options", "nosniff")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        CorsPolicy.apply(channel, head.headers());
        if (lastEventIdHeader != null) {
            head.headers().set("Last-Event-ID", lastEventIdHeader);
        }
        spillIfOwner();
        nettyMayHoldBytes = true;
        channel.write(head, channel.voidPromise());
        // The head is encoded; from here on the body is our raw bytes until the connection closes.
        if (channel.pipeline().get(HttpChannelInitializer.CODEC) != null) {
            channel.pipeline().remove(HttpChannelInitializer.CODEC);
        }
        queueInNetty(COMMENT.duplicate());
    }

    @Override
    public void write(StoredUpdate update) {
        if (socket == null) {
            queueInNetty(update.directFrame().duplicate());
            return;
        }
        GatheredFrames gathered = GatheredFrames.current();
        if (gathered.owner() != this) {
            if (gathered.owner() != null) {
                gathered.owner().spill(gathered);
            }
            gathered.claim(this);
        }
        gathered.add(update.directFrame());
    }

    /**
     * With nothing queued in Netty, sends the frame straight to the socket: the same system call
     * Netty would make, minus a buffer wrapper, an outbound-buffer entry and a pipeline pass per
     * delivery. Whatever the socket does not take goes to Netty's queue as usual, so ordering,
     * writability and the slow-subscriber budget are unchanged.
     */
    @Override
    public void writeAndFlush(StoredUpdate update) {
        GatheredFrames local = socket == null ? null : GatheredFrames.current();
        if (local == null || local.owner() == this || !canSendDirectly()) {
            write(update);
            flush();
            return;
        }
        ByteBuffer frame = update.directFrame();
        long written;
        try {
            // send(2) skips the VFS layer; the frame's address is looked up once per update
            written = socket.sendAddress(local.addressOf(frame), frame.position(), frame.limit());
        } catch (IOException e) {
            failed(e);
            return;
        }
        queueUnsent(frame, written);
        if (nettyMayHoldBytes) {
            channel.flush();
        }
    }

    @Override
    public void heartbeat() {
        spillIfOwner();
        queueInNetty(COMMENT.duplicate());
    }

    @Override
    public void flush() {
        GatheredFrames gathered = gatheredHere();
        if (gathered != null) {
            sendGathered(gathered);
        }
        if (nettyMayHoldBytes) {
            channel.flush();
        }
    }

    /** One gathering write for everything given since the last flush; Netty queues the rest. */
    private void sendGathered(GatheredFrames gathered) {
        if (!canSendDirectly()) {
            spill(gathered);
            return;
        }
        int n = gathered.count();
        long written;
        try {
            written = n == 1
                    ? socket.sendAddress(gathered.addressOf(gathered.frame(0)), gathered.frame(0).position(),
                            gathered.frame(0).limit())
                    : socket.writev(gathered.array(), 0, Math.min(n, GatheredFrames.MAX_PER_SEND), Long.MAX_VALUE);
        } catch (IOException e) {
            gathered.clear();
            failed(e);
            return;
        }
        for (int i = 0; i < n; i++) {
            ByteBuffer frame = gathered.frame(i);
            int length = frame.remaining();
            queueUnsent(frame, written);
            written = Math.max(0, written - length);
        }
        gathered.clear();
    }

    /** Nothing of ours may be waiting in Netty, or the direct bytes would overtake it. */
    private boolean canSendDirectly() {
        // An open socket is checked first: a closed one's descriptor number may be reused.
        if (socket == null || !socket.isOpen()) {
            return false;
        }
        if (nettyMayHoldBytes) {
            ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
            if (queued == null || queued.totalPendingWriteBytes() != 0) {
                return false;
            }
            nettyMayHoldBytes = false;
        }
        return true;
    }

    /** Queues (unflushed) the part of {@code frame} past its first {@code sent} bytes, if any. */
    private void queueUnsent(ByteBuffer frame, long sent) {
        if (sent >= frame.remaining()) {
            return;
        }
        ByteBuffer rest = frame.duplicate();
        rest.position(rest.position() + (int) sent);
        queueInNetty(rest);
    }

    /** Moves this sink's gathered frames into its Netty queue, in order. */
    private void spill(GatheredFrames gathered) {
        for (int i = 0; i < gathered.count(); i++) {
            queueInNetty(gathered.frame(i).duplicate());
        }
        gathered.clear();
    }

    private void spillIfOwner() {
        GatheredFrames gathered = gatheredHere();
        if (gathered != null) {
            spill(gathered);
        }
    }

    /** This thread's scratch list if it holds frames of this sink, else null. */
    private GatheredFrames gatheredHere() {
        if (socket == null) {
            return null;
        }
        GatheredFrames gathered = GatheredFrames.current();
        return gathered.owner() == this ? gathered : null;
    }

    private void queueInNetty(ByteBuffer frame) {
        nettyMayHoldBytes = true;
        channel.write(Unpooled.wrappedBuffer(frame), channel.voidPromise());
    }

    private void queueInNetty(ByteBuf frame) {
        nettyMayHoldBytes = true;
        channel.write(frame, channel.voidPromise());
    }

    private void failed(IOException e) {
        log.debug("Subscriber connection failed on write", e);
        channel.close();
    }

    @Override
    public boolean isConnected() {
        return socket != null ? socket.isOpen() : channel.isOpen();
    }

    @Override
    public boolean isWritable() {
        return !nettyMayHoldBytes || channel.isWritable();
    }

    @Override
    public void close(CloseReason reason) {
        GatheredFrames gathered = gatheredHere();
        if (gathered != null) {
            gathered.clear(); // the connection is going away with them
        }
        channel.close();
    }
}
