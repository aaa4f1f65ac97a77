package dev.herald.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Frames as the hub shares them (read-only, off-heap); remembers each to check that none moved. */
final class SharedFrames {
    private final List<ByteBuffer> made = new ArrayList<>();

    ByteBuffer of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer frame = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
        made.add(frame);
        return frame;
    }

    /** Writers share frames between connections: they must never change a frame's position or limit. */
    void assertNoneMoved() {
        for (ByteBuffer frame : made) {
            assertThat(frame.position()).as("position of a shared frame").isZero();
            assertThat(frame.limit()).as("limit of a shared frame").isEqualTo(frame.capacity());
        }
    }
}
