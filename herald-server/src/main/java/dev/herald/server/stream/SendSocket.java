package dev.herald.server.stream;

import java.io.IOException;
import java.nio.ByteBuffer;

/** The system calls of the direct path: {@link EpollSendSocket} in production, a fake in tests. */
interface SendSocket {

    /**
     * send(2) of the frame's remaining bytes; {@code address} is the frame's native address
     * ({@link GatheredFrames#addressOf}). Returns the bytes the kernel took: 0 when it is full.
     */
    long send(ByteBuffer frame, long address) throws IOException;

    /** writev(2) of the remaining bytes of {@code frames[0, count)}, or of the first few; returns the bytes taken. */
    long writev(ByteBuffer[] frames, int count) throws IOException;

    /** Asked before every send: a closed descriptor's number may already belong to another connection. */
    boolean isOpen();
}
