package dev.herald.server.stream;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import dev.herald.server.metrics.DeadClients;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends frames with send(2)/writev(2) straight to the socket: per delivery the system call Netty
 * would make, minus a ByteBuf wrapper, an outbound-buffer entry and a pipeline pass.
 * The rule: nothing goes to the socket directly while Netty's outbound buffer holds any byte of
 * this connection. Whatever the socket does not take, and everything after it, is handed to that
 * buffer in order, so the peer sees one ordered stream and Netty's buffer (writability, the
 * slow-subscriber budget) holds every byte the kernel has not taken. Frames given before a flush
 * wait in this thread's {@link GatheredFrames}; they move to Netty's buffer, in order, before
 * anything else of this connection is queued there, when another connection gathers frames, and
 * when the budget is asked about.
 */
final class DirectFrameWriter implements FrameWriter {
    private static final Logger log = LoggerFactory.getLogger(DirectFrameWriter.class);

    private final Channel channel;
    private final SendSocket socket;
    /**
     * False only while everything we wrote is known to be in the kernel; lets the direct path
     * skip looking at Netty's outbound buffer (one less object to touch per delivery).
     */
    private boolean nettyMayHoldBytes = true;
    /** True while this thread's {@link GatheredFrames} holds frames of ours (we are its owner). */
    private boolean gathering;

    DirectFrameWriter(Channel channel, SendSocket socket) {
        this.channel = channel;
        this.socket = socket;
    }

    @Override
    public void writeMessage(Object message) {
        spillGathered();
        nettyMayHoldBytes = true;
        channel.write(message, channel.voidPromise());
    }

    @Override
    public void write(ByteBuffer frame) {
        GatheredFrames gathered = GatheredFrames.current();
        if (!gathering) {
            DirectFrameWriter owner = gathered.owner();
            if (owner != null) {
                owner.spill(gathered);
            }
            gathered.claim(this);
            gathering = true;
        }
        gathered.add(frame);
    }

    @Override
    public void writeAndFlush(ByteBuffer frame) {
        if (gathering || !canSendDirectly()) {
            write(frame);
            flush();
            return;
        }
        long sent;
        try {
            sent = socket.send(frame, GatheredFrames.current().addressOf(frame));
        } catch (IOException e) {
            failed(e);
            return;
        }
        queueUnsent(frame, sent);
        if (nettyMayHoldBytes) {
            channel.flush();
        }
    }

    @Override
    public void flush() {
        if (gathering) {
            sendGathered(GatheredFrames.current());
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
        long sent;
        try {
            ByteBuffer first = gathered.frame(0);
            sent = n == 1 ? socket.send(first, gathered.addressOf(first)) : socket.writev(gathered.array(), n);
        } catch (IOException e) {
            release(gathered);
            failed(e);
            return;
        }
        for (int i = 0; i < n; i++) {
            ByteBuffer frame = gathered.frame(i);
            int length = frame.remaining();
            queueUnsent(frame, sent);
            sent = Math.max(0, sent - length);
        }
        release(gathered);
    }

    /** Nothing of ours may be waiting in Netty, or the direct bytes would overtake it. */
    private boolean canSendDirectly() {
        // An open socket is checked first: a closed one's descriptor number may be reused.
        if (!socket.isOpen()) {
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

    /** Moves our gathered frames into our Netty queue, in order; a closed connection takes none. */
    private void spill(GatheredFrames gathered) {
        if (socket.isOpen()) {
            for (int i = 0; i < gathered.count(); i++) {
                queueInNetty(gathered.frame(i).duplicate());
            }
        }
        release(gathered);
    }

    private void spillGathered() {
        if (gathering) {
            spill(GatheredFrames.current());
        }
    }

    private void release(GatheredFrames gathered) {
        gathered.clear();
        gathering = false;
    }

    private void queueInNetty(ByteBuffer frame) {
        nettyMayHoldBytes = true;
        channel.write(Unpooled.wrappedBuffer(frame), channel.voidPromise());
    }

    private void failed(IOException e) {
        log.debug("Subscriber connection failed on write", e);
        DeadClients.countIfTimedOut(channel, e);
        channel.close();
    }

    @Override
    public boolean isWritable() {
        spillGathered(); // unsent frames count against the budget, as they do in Netty's buffer
        return !nettyMayHoldBytes || channel.isWritable();
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() {
        dropGathered();
        channel.close();
    }

    @Override
    public void abort() {
        dropGathered();
        ConnectionReset.abort(channel);
    }

    private void dropGathered() {
        if (gathering) {
            release(GatheredFrames.current()); // the connection is going away with them
        }
    }
}
