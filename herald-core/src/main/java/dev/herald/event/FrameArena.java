package dev.herald.event;

import java.nio.ByteBuffer;

/**
 * Off-heap copies of encoded frames, cut from shared 64 KiB direct chunks. A frame costs one
 * small view object instead of a direct buffer of its own (with its cleaner, its phantom
 * reference for the collector to process and a zeroed native allocation); a chunk is freed once
 * the last frame cut from it is unreachable.
 */
final class FrameArena {
    static final FrameArena SHARED = new FrameArena(64 * 1024);

    private final int chunkSize;
    private ByteBuffer chunk;
    /** Read-only view of {@link #chunk}: frames are slices of it, one object each. */
    private ByteBuffer chunkView;
    private int used;

    FrameArena(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    /** A read-only direct buffer holding {@code frame}, position 0, limit its length. */
    ByteBuffer copyOf(byte[] frame) {
        if (frame.length > chunkSize / 4) {
            // Large frames get their own memory, so one cannot pin a mostly-dead chunk for long.
            ByteBuffer own = ByteBuffer.allocateDirect(frame.length).put(frame);
            return own.flip().asReadOnlyBuffer();
        }
        synchronized (this) {
            if (chunk == null || chunkSize - used < frame.length) {
                chunk = ByteBuffer.allocateDirect(chunkSize);
                chunkView = chunk.asReadOnlyBuffer();
                used = 0;
            }
            int start = used;
            chunk.put(start, frame);
            used += frame.length;
            return chunkView.slice(start, frame.length);
        }
    }
}
