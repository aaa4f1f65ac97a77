package dev.herald.server.stream;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;

/** Every frame goes through Netty's outbound buffer: the plain path, on any transport. */
final class NettyFrameWriter implements FrameWriter {
    private final Channel channel;

    NettyFrameWriter(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void writeMessage(Object message) {
        channel.write(message, channel.voidPromise());
    }

    @Override
    public void write(ByteBuffer frame) {
        channel.write(Unpooled.wrappedBuffer(frame.duplicate()), channel.voidPromise());
    }

    @Override
    public void writeAndFlush(ByteBuffer frame) {
        write(frame);
        channel.flush();
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public void abort() {
        ConnectionReset.abort(channel);
    }
}
