package dev.herald.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameArenaTest {

    @Test
    void framesCutFromOneChunkEachHoldTheirOwnBytes() {
        FrameArena arena = new FrameArena(64);
        List<ByteBuffer> copies = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] frame = ("data: " + i + "\n\n").getBytes(StandardCharsets.US_ASCII);
            frames.add(frame);
            copies.add(arena.copyOf(frame));
        }

        for (int i = 0; i < frames.size(); i++) {
            ByteBuffer copy = copies.get(i);
            assertThat(copy.isDirect()).isTrue();
            assertThat(copy.isReadOnly()).isTrue();
            assertThat(copy.position()).isZero();
            assertThat(bytes(copy)).isEqualTo(frames.get(i));
        }
    }

    @Test
    void aFrameLargerThanAQuarterChunkGetsMemoryOfItsOwn() {
        FrameArena arena = new FrameArena(64);
        byte[] large = new byte[40];
        large[39] = 7;

        ByteBuffer copy = arena.copyOf(large);

        assertThat(copy.isReadOnly()).isTrue();
        assertThat(copy.capacity()).isEqualTo(40);
        assertThat(bytes(copy)).isEqualTo(large);
    }

    @Test
    void aFrameThatDoesNotFitTheRestOfAChunkStartsANewOne() {
        FrameArena arena = new FrameArena(64);
        byte[] first = new byte[16];
        for (int i = 0; i < 3; i++) {
            arena.copyOf(first); // 48 of 64 bytes used
        }
        byte[] next = "0123456789abcdef-".getBytes(StandardCharsets.US_ASCII); // 17 bytes, 16 left

        assertThat(bytes(arena.copyOf(next))).isEqualTo(next);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
