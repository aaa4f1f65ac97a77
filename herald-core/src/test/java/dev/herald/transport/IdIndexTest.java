package dev.herald.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.Update;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The id index through the transport, against a plain map of what the ring retains. */
class IdIndexTest {

    @Test
    void afterManyRebuildsEveryIdMapsToItsEarliestRetainedSequenceAndEvictedIdsAreGone() {
        int historySize = 50;
        InMemoryTransport transport = new InMemoryTransport(historySize);
        Random random = new Random(42);
        Map<Long, String> idBySequence = new HashMap<>();
        for (long seq = 1; seq <= 20_000; seq++) {
            // a small id space so ids are reused often, some while still retained
            String id = "id-" + random.nextInt(120);
            transport.append(new Update(id, List.of("t"), "d", null, null, false)).toCompletableFuture().join();
            idBySequence.put(seq, id);

            if (seq % 97 == 0 || seq > 19_900) {
                Map<String, Long> expected = new HashMap<>();
                for (long s = Math.max(1, seq - historySize + 1); s <= seq; s++) {
                    expected.putIfAbsent(idBySequence.get(s), s);
                }
                for (int i = 0; i < 120; i++) {
                    String probe = "id-" + i;
                    Long want = expected.get(probe);
                    assertThat(transport.sequenceOf(probe))
                            .as("%s after %d appends", probe, seq)
                            .isEqualTo(want == null ? OptionalLong.empty() : OptionalLong.of(want));
                }
            }
        }
    }

    @Test
    void idsThatShareAHashAreStillToldApart() {
        // "Aa" and "BB" have the same String.hashCode
        InMemoryTransport transport = new InMemoryTransport(10);
        transport.append(new Update("Aa", List.of("t"), "d", null, null, false)).toCompletableFuture().join();
        transport.append(new Update("BB", List.of("t"), "d", null, null, false)).toCompletableFuture().join();

        assertThat(transport.sequenceOf("Aa")).hasValue(1);
        assertThat(transport.sequenceOf("BB")).hasValue(2);
        assertThat(transport.sequenceOf("C#")).isEmpty();
    }
}
