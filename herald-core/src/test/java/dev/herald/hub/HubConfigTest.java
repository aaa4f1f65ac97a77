package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HubConfigTest {

    @Test
    void defaultsHeartbeatEveryFifteenSeconds() {
        assertThat(HubConfig.defaults()).isEqualTo(new HubConfig(Duration.ofSeconds(15), 256, 4096));
        assertThat(HubConfig.defaults().withHeartbeat(Duration.ofMillis(50)).heartbeat())
                .isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void rejectsAHeartbeatThatIsNotPositive() {
        assertThatThrownBy(() -> new HubConfig(Duration.ZERO, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heartbeat must be positive: PT0S");
        assertThatThrownBy(() -> new HubConfig(Duration.ofSeconds(-1), 1, 1))
                .hasMessage("heartbeat must be positive: PT-1S");
        assertThatThrownBy(() -> new HubConfig(null, 1, 1))
                .hasMessage("heartbeat must be positive: null");
    }

    @Test
    void rejectsPageAndPendingSizesBelowOne() {
        assertThatThrownBy(() -> new HubConfig(Duration.ofSeconds(1), 0, 1))
                .hasMessage("replayPageSize must be positive: 0");
        assertThatThrownBy(() -> new HubConfig(Duration.ofSeconds(1), 1, 0))
                .hasMessage("maxPendingDuringReplay must be positive: 0");
    }
}
