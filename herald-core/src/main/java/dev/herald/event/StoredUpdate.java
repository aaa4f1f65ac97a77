package dev.herald.event;

import java.nio.ByteBuffer;

/**
 * An update accepted by a transport: its position in the hub's total order and its encoded
 * event. The frame is shared by every delivery and must not be modified.
 */
public final class StoredUpdate {
    private final long sequence;
    private final Update update;
    private final byte[] frame;
    private volatile ByteBuffer directFrame;

    public StoredUpdate(long sequence, Update update, byte[] frame) {
        if (sequence <= 0) {
            throw new IllegalArgumentException("sequence must be positive: " + sequence);
        }
        this.sequence = sequence;
        this.update = update;
        this.frame = frame;
    }

    public StoredUpdate(long sequence, Update update) {
        this(sequence, update, SseFrameEncoder.encode(update));
    }

    /** Position in the hub's order: strictly increasing in publish order, starting at 1. */
    public long sequence() {
        return sequence;
    }

    public Update update() {
        return update;
    }

    /** The encoded SSE event. Callers must not modify the array. */
    public byte[] frame() {
        return frame;
    }

    /**
     * The frame in off-heap memory, read-only, created on first use. Network layers write
     * duplicates of it to every socket without copying; the memory is freed once no update
     * sharing its chunk is reachable (see {@link FrameArena}).
     */
    public ByteBuffer directFrame() {
        ByteBuffer b = directFrame;
        if (b == null) {
            b = FrameArena.SHARED.copyOf(frame);
            directFrame = b; // a racing thread may build a second copy: harmless, both are equal
        }
        return b;
    }

    @Override
    public String toString() {
        return "StoredUpdate{" + sequence + ", " + update.id() + "}";
    }
}
