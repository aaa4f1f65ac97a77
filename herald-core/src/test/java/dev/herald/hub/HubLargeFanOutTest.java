package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A fan-out walks a topic's subscribers a chunk at a time ({@link SessionList#CHUNK}), checking
 * each chunk before sending to it. These tests put closed, disconnected and broken subscribers on
 * and around the chunk edges and check that everyone else still gets every update exactly once.
 */
class HubLargeFanOutTest extends HubFixture {
    private static final int SUBSCRIBERS = 3 * SessionList.CHUNK + 5;
    /** First and last of each chunk, and the lone subscriber of the last, partial one. */
    private static final Set<Integer> CLOSED = Set.of(0, 31, 32, 63, 64, 95, 96, SUBSCRIBERS - 1);

    private final List<RecordingSink> sinks = new ArrayList<>();
    private final List<SubscriptionHandle> handles = new ArrayList<>();

    @Test
    void updateSentAloneReachesEveryOpenSubscriberAcrossChunkEdges() {
        subscribeAllThenClose(CLOSED);

        publish("a", BOOK_1);
        settle();

        assertReceivedExactly(List.of("a"), CLOSED);
    }

    @Test
    void burstReachesEveryOpenSubscriberAcrossChunkEdges() throws InterruptedException {
        subscribeAllThenClose(CLOSED);

        publishAsOneBatch(() -> {
            publish("a", BOOK_1);
            publish("b", BOOK_1);
            publish("c", BOOK_1);
        });

        assertReceivedExactly(List.of("a", "b", "c"), CLOSED);
    }

    @Test
    void subscriberWhoseConnectionIsGoneIsSkippedAndTheOthersStillReceive() throws InterruptedException {
        subscribeAllThenClose(Set.of());
        Set<Integer> gone = Set.of(1, 32, 70);
        gone.forEach(i -> sinks.get(i).loseConnection());

        publish("a", BOOK_1);
        settle();
        publishAsOneBatch(() -> {
            publish("b", BOOK_1);
            publish("c", BOOK_1);
        });

        assertReceivedExactly(List.of("a", "b", "c"), gone);
    }

    @Test
    void sinkThatFailsToSayWhetherItIsConnectedIsStillServed() {
        subscribeAllThenClose(Set.of());
        sinks.get(33).failConnectedCheck(new IllegalStateException("embedder bug"));

        publish("a", BOOK_1);
        settle();

        assertReceivedExactly(List.of("a"), Set.of());
    }

    @Test
    void subscriberOnTwoTopicsOfOneUpdateGetsItOnce() throws InterruptedException {
        startHub();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            RecordingSink sink = sink();
            sinks.add(sink);
            subscribe(sink, ResumePoint.live(), BOOK_1, BOOK_2);
        }

        publish("a", BOOK_1, BOOK_2);
        settle();
        publishAsOneBatch(() -> {
            publish("b", BOOK_2, BOOK_1);
            publish("c", BOOK_1, BOOK_2);
        });

        assertReceivedExactly(List.of("a", "b", "c"), Set.of());
    }

    private void subscribeAllThenClose(Set<Integer> closed) {
        startHub();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            RecordingSink sink = sink();
            sinks.add(sink);
            handles.add(subscribe(sink, ResumePoint.live(), BOOK_1));
        }
        lane.run(() -> closed.forEach(i -> handles.get(i).close()));
    }

    private void assertReceivedExactly(List<String> ids, Set<Integer> without) {
        for (int i = 0; i < SUBSCRIBERS; i++) {
            assertThat(sinks.get(i).ids()).as("subscriber %d", i).isEqualTo(without.contains(i) ? List.of() : ids);
        }
    }
}
