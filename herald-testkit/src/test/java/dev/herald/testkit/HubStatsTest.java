package dev.herald.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HubStatsTest {

    @Test
    void parsesEveryFieldAsAnExactNumber() {
        HubStats stats = HubStats.parse("""
                {"subscribers": 12, "subscribersByTopic": {"a": 10, "https://example.com/{id}": 2},
                 "updatesPublished": 3000000000, "slowSubscribersDisconnected": 1}
                """);

        assertThat(stats).isEqualTo(new HubStats(12, Map.of("a", 10, "https://example.com/{id}", 2), 3_000_000_000L, 1));
        assertThat(stats.subscribers()).as("12 is not 1, whatever a substring check would say").isNotEqualTo(1);
    }

    @Test
    void aMissingFieldFailsNamingIt() {
        assertThatThrownBy(() -> HubStats.parse("""
                {"subscribers": 0, "subscribersByTopic": {}, "updatesPublished": 0}
                """)).isInstanceOf(AssertionError.class).hasMessageContaining("slowSubscribersDisconnected");
    }

    @Test
    void aCountThatIsNotAWholeNumberFails() {
        assertThatThrownBy(() -> HubStats.parse("""
                {"subscribers": "1", "subscribersByTopic": {}, "updatesPublished": 0, "slowSubscribersDisconnected": 0}
                """)).isInstanceOf(AssertionError.class).hasMessageContaining("subscribers");
    }

    @Test
    void aBodyThatIsNotJsonFailsShowingIt() {
        assertThatThrownBy(() -> HubStats.parse("subscribers=1")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("subscribers=1");
    }
}
