package dev.herald.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class InMemoryTransportTest {

    @Test
    void sequencesStartAtOneAndIncreaseByOne() {
        InMemoryTransport transport = new InMemoryTransport(10);

        StoredUpdate a = append(transport, "a");
        StoredUpdate b = append(transport, "b");
        StoredUpdate c = append(transport, "c");

        assertThat(List.of(a.sequence(), b.sequence(), c.sequence())).containsExactly(1L, 2L, 3L);
        assertThat(a.update().id()).isEqualTo("a");
    }

    @Test
    void readAfterReturnsUpdatesAboveTheSequenceOldestFirst() {
        InMemoryTransport transport = new InMemoryTransport(10);
        appendAll(transport, "a", "b", "c", "d");

        assertThat(ids(transport.readAfter(0, 100))).containsExactly("a", "b", "c", "d");
        assertThat(ids(transport.readAfter(2, 100))).containsExactly("c", "d");
        assertThat(transport.readAfter(4, 100)).isEmpty();
        assertThat(transport.readAfter(99, 100)).isEmpty();
    }

    @Test
    void readAfterReturnsAtMostLimit() {
        InMemoryTransport transport = new InMemoryTransport(10);
        appendAll(transport, "a", "b", "c", "d", "e");

        assertThat(ids(transport.readAfter(0, 2))).containsExactly("a", "b");
        assertThat(ids(transport.readAfter(1, 3))).containsExactly("b", "c", "d");
        assertThat(ids(transport.readAfter(4, 3))).containsExactly("e");
    }

    @Test
    void pagingWithReadAfterVisitsEveryRetainedUpdateOnceAcrossTheRing() {
        InMemoryTransport transport = new InMemoryTransport(7);
        for (int i = 1; i <= 23; i++) {
            append(transport, "u" + i);
        }

        List<Long> seen = new ArrayList<>();
        long after = 0;
        List<StoredUpdate> page;
        while (!(page = transport.readAfter(after, 3)).isEmpty()) {
            for (StoredUpdate u : page) {
                seen.add(u.sequence());
                assertThat(u.update().id()).isEqualTo("u" + u.sequence());
            }
            after = page.get(page.size() - 1).sequence();
        }

        assertThat(seen).containsExactly(17L, 18L, 19L, 20L, 21L, 22L, 23L);
    }

    @Test
    void historyBoundEvictsTheOldest() {
        InMemoryTransport transport = new InMemoryTransport(3);
        appendAll(transport, "a", "b", "c", "d", "e");

        assertThat(sequences(transport.readAfter(0, 100))).containsExactly(3L, 4L, 5L);
        assertThat(ids(transport.readAfter(1, 100))).containsExactly("c", "d", "e");
        assertThat(ids(transport.readAfter(3, 1))).containsExactly("d");
    }

    @Test
    void sequenceOfFindsRetainedIdsAndForgetsEvictedOnes() {
        InMemoryTransport transport = new InMemoryTransport(2);
        appendAll(transport, "a", "b", "c");

        assertThat(transport.sequenceOf("a")).isEmpty();
        assertThat(transport.sequenceOf("b")).hasValue(2);
        assertThat(transport.sequenceOf("c")).hasValue(3);
        assertThat(transport.sequenceOf("never-published")).isEmpty();
    }

    @Test
    void aReusedIdMapsToItsEarliestRetainedUpdate() {
        InMemoryTransport transport = new InMemoryTransport(10);
        appendAll(transport, "a", "b", "a");

        assertThat(transport.sequenceOf("a")).hasValue(1);
    }

    @Test
    void evictingTheEarliestUseOfAnIdLeavesItsNextUse() {
        InMemoryTransport transport = new InMemoryTransport(2);
        appendAll(transport, "a", "b", "a"); // evicts sequence 1, which also carried "a"

        assertThat(transport.sequenceOf("a")).hasValue(3);
        assertThat(transport.sequenceOf("b")).hasValue(2);

        appendAll(transport, "c", "d"); // evicts sequence 3
        assertThat(transport.sequenceOf("a")).isEmpty();
    }

    @Test
    void historySizeZeroKeepsNothingButStillOrdersAndFeedsTheListener() {
        InMemoryTransport transport = new InMemoryTransport(0);
        List<Long> heard = new ArrayList<>();
        transport.listen(u -> heard.add(u.sequence()));

        appendAll(transport, "a", "b");

        assertThat(heard).containsExactly(1L, 2L);
        assertThat(transport.readAfter(0, 100)).isEmpty();
        assertThat(transport.sequenceOf("a")).isEmpty();
    }

    @Test
    void rejectsANegativeHistorySize() {
        assertThatThrownBy(() -> new InMemoryTransport(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("historySize must not be negative: -1");
    }

    @Test
    void listenerHearsEveryAppendInSequenceOrderAndCanAlreadyReadIt() throws Exception {
        InMemoryTransport transport = new InMemoryTransport(10_000);
        List<Long> heard = new ArrayList<>();
        List<Long> unreadable = new ArrayList<>();
        transport.listen(u -> {
            heard.add(u.sequence());
            List<StoredUpdate> read = transport.readAfter(u.sequence() - 1, 1);
            if (read.size() != 1 || read.get(0).sequence() != u.sequence() || !read.get(0).update().equals(u.update())
                    || !Arrays.equals(read.get(0).frame(), u.frame())) {
                unreadable.add(u.sequence());
            }
        });

        ExecutorService publishers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                int publisher = p;
                done.add(publishers.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        append(transport, publisher + "-" + i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            publishers.shutdownNow();
        }

        // The listener runs under the transport's lock and Future.get() publishes its writes here.
        assertThat(heard).containsExactlyElementsOf(LongStream.rangeClosed(1, 2000).boxed().toList());
        assertThat(unreadable).isEmpty();
    }

    @Test
    void listenReplacesThePreviousListener() {
        InMemoryTransport transport = new InMemoryTransport(10);
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        transport.listen(u -> first.add(u.update().id()));
        append(transport, "a");

        transport.listen(u -> second.add(u.update().id()));
        append(transport, "b");

        assertThat(first).containsExactly("a");
        assertThat(second).containsExactly("b");
    }

    @Test
    void appendAfterCloseFailsWithTransportClosed() {
        InMemoryTransport transport = new InMemoryTransport(10);
        List<StoredUpdate> heard = new ArrayList<>();
        transport.listen(heard::add);
        append(transport, "a");

        transport.close();
        CompletableFuture<StoredUpdate> stage = transport.append(update("b")).toCompletableFuture();

        assertThat(stage).isCompletedExceptionally();
        assertThatThrownBy(stage::join)
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(TransportClosedException.class);
        assertThat(heard).hasSize(1);
        assertThat(transport.sequenceOf("b")).isEqualTo(OptionalLong.empty());
    }

    @Test
    void readsDoNotBlock() {
        assertThat(new InMemoryTransport(1).blockingReads()).isFalse();
    }

    private static StoredUpdate append(Transport transport, String id) {
        return transport.append(update(id)).toCompletableFuture().join();
    }

    private static void appendAll(Transport transport, String... ids) {
        for (String id : ids) {
            append(transport, id);
        }
    }

    private static Update update(String id) {
        return Update.builder().id(id).topic("https://example.com/books/1").data(id).build();
    }

    private static List<String> ids(List<StoredUpdate> updates) {
        return updates.stream().map(u -> u.update().id()).toList();
    }

    private static List<Long> sequences(List<StoredUpdate> updates) {
        return updates.stream().map(StoredUpdate::sequence).toList();
    }
}
