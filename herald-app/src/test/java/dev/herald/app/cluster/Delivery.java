package dev.herald.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a subscriber received, checked against what a {@link ClusterPublisher} was told. */
final class Delivery {
    private Delivery() {}

    /**
     * Every acknowledged update of the publisher, once, with its acknowledged id; its updates in
     * the order it sent them; a refused one at most once (it may have been stored as Redis failed).
     *
     * @param received the subscriber's events as (id, data), in arrival order
     */
    static void assertIntact(ClusterPublisher p, List<Map.Entry<String, String>> received) {
        String prefix = p.name() + " ";
        List<Integer> numbers = new ArrayList<>();
        for (Map.Entry<String, String> e : received) {
            if (e.getValue().startsWith(prefix)) {
                int n = Integer.parseInt(e.getValue().substring(prefix.length()));
                String acked = p.acknowledged.get(n);
                if (acked != null) {
                    assertThat(e.getKey()).as("%s %d", p.name(), n).isEqualTo(acked);
                }
                numbers.add(n);
            }
        }
        assertThat(numbers).as("%s in publish order, each once", p.name()).isSorted().doesNotHaveDuplicates();
        Set<Integer> delivered = new HashSet<>(numbers);
        assertThat(delivered).as("%s: every acknowledged update delivered", p.name())
                .containsAll(p.acknowledged.keySet());
    }
}
