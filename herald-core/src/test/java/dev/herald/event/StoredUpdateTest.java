package dev.herald.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class StoredUpdateTest {
    private final Update update = Update.builder().id("a").topic("t").data("payload").build();

    @Test
    void encodesTheUpdateOnce() {
        StoredUpdate stored = new StoredUpdate(7, update);

        assertThat(stored.sequence()).isEqualTo(7);
        assertThat(stored.update()).isSameAs(update);
        assertThat(stored.frame()).isEqualTo(SseFrameEncoder.encode(update));
    }

    @Test
    void rejectsSequencesBelowOne() {
        assertThatThrownBy(() -> new StoredUpdate(0, update))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sequence must be positive: 0");
        assertThatThrownBy(() -> new StoredUpdate(-3, update))
                .hasMessage("sequence must be positive: -3");
    }

    @Test
    void directFrameIsAReadOnlyCopyOfTheFrame() {
        StoredUpdate stored = new StoredUpdate(1, update);

        ByteBuffer direct = stored.directFrame();

        assertThat(direct.isDirect()).isTrue();
        assertThat(direct.isReadOnly()).isTrue();
        byte[] bytes = new byte[direct.remaining()];
        direct.duplicate().get(bytes);
        assertThat(bytes).isEqualTo(stored.frame());
        assertThat(stored.directFrame()).isSameAs(direct);
    }
}
