package dev.herald.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveSnapshotTest {
    @Test
    void theTopTopicsAreTheMostSubscribedThenByName() {
        Map<String, Integer> counts = Map.of("/a", 1, "/b", 5, "/c", 5, "/d", 2, "/e", 9);
        assertThat(LiveSnapshot.top(counts, 3)).extracting(Map.Entry::getKey).containsExactly("/e", "/b", "/c");
        assertThat(LiveSnapshot.top(counts, 10)).extracting(Map.Entry::getKey)
                .containsExactly("/e", "/b", "/c", "/d", "/a");
        assertThat(LiveSnapshot.top(Map.of(), 3)).isEmpty();
    }
}
