package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerNodesTest {
    @Test
    void oneServerIsOnePortAndOnePid() {
        ServerNodes nodes = ServerNodes.from(new Args(new String[] {"--port", "18080", "--server-pid", "42"}, 0));

        assertThat(nodes.size()).isEqualTo(1);
        assertThat(nodes.first().getPort()).isEqualTo(18080);
        assertThat(nodes.forShard(5).getPort()).isEqualTo(18080);
        assertThat(nodes.pids()).containsExactly(42L);
    }

    @Test
    void aClusterSpreadsShardsOverItsNodesAndCountsEveryProcess() {
        ServerNodes nodes = ServerNodes.from(new Args(
                new String[] {"--port", "18092,18093,18094", "--server-pid", "11,12,13,14"}, 0));

        assertThat(List.of(0, 1, 2, 3, 4, 5).stream().map(s -> nodes.forShard(s).getPort()))
                .containsExactly(18092, 18093, 18094, 18092, 18093, 18094);
        assertThat(nodes.pids()).containsExactly(11L, 12L, 13L, 14L);
        assertThat(nodes.first().getHostString()).isEqualTo("127.0.0.1");
    }

    @Test
    void malformedListsAreRefusedNamingTheOption() {
        for (String bad : List.of("", "18080,", ",18080", "18080;18081", "18080, 18081", "abc", "99999999999")) {
            assertThatThrownBy(() -> ServerNodes.from(new Args(new String[] {"--port", bad}, 0)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--port");
        }
        assertThatThrownBy(() -> ServerNodes.from(new Args(new String[] {"--port", "0"}, 0)))
                .hasMessageContaining("between 1 and 65535");
        assertThatThrownBy(() -> ServerNodes.from(new Args(new String[] {"--port", "1", "--server-pid", "1,x"}, 0)))
                .hasMessageContaining("--server-pid");
    }
}
