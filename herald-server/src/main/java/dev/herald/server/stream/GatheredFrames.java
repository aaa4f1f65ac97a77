package dev.herald.server.stream;

import io.netty.channel.unix.Buffer;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The frames one subscriber connection was given since its last flush, kept per event-loop
 * thread rather than per connection: the hub hands a connection all of its events back to back,
 * so one scratch list per thread serves every connection and costs nothing while idle. If another
 * connection on the thread starts writing first, the owner's frames move to its Netty queue, so
 * nothing is reordered or lost whatever the call pattern.
 */
final class GatheredFrames {
    private static final FastThreadLocal<GatheredFrames> CURRENT = new FastThreadLocal<>() {
        @Override
        protected GatheredFrames initialValue() {
            return new GatheredFrames();
        }
    };

    private DirectFrameWriter owner;
    private ByteBuffer[] frames = new ByteBuffer[16];
    private int count;
    /** The frame whose native address was looked up last: a fan-out sends one frame many times. */
    private ByteBuffer addressed;
    private long address;

    static GatheredFrames current() {
        return CURRENT.get();
    }

    DirectFrameWriter owner() {
        return owner;
    }

    void claim(DirectFrameWriter writer) {
        owner = writer;
    }

    /** Frames must be read-only shared buffers whose position and limit never change. */
    void add(ByteBuffer frame) {
        if (count == frames.length) {
            frames = Arrays.copyOf(frames, count * 2);
        }
        frames[count++] = frame;
    }

    /**
     * The native address of a direct frame, remembered for the last frame asked about: saves a
     * JNI buffer lookup per socket when one update goes to thousands of them.
     */
    long addressOf(ByteBuffer frame) {
        if (frame != addressed) {
            address = Buffer.memoryAddress(frame);
            addressed = frame;
        }
        return address;
    }

    int count() {
        return count;
    }

    ByteBuffer frame(int i) {
        return frames[i];
    }

    /** The backing array, for a gathering write of the first {@link #count()} entries. */
    ByteBuffer[] array() {
        return frames;
    }

    /** Drops the frames (they are sent or queued elsewhere) and the owner. */
    void clear() {
        Arrays.fill(frames, 0, count, null);
        count = 0;
        owner = null;
    }
}
