package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.herald.event.Update;
import dev.herald.testkit.Poll;
import dev.herald.transport.InMemoryTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HubResumeTest extends HubFixture {

    @Test
    void earliestReplaysEveryRetainedUpdateThenGoesLive() {
        startHub();
        publish("a", BOOK_1);
        publish("b", BOOK_1);
        publish("c", BOOK_1);
        RecordingSink sink = sink();

        subscribe(sink, ResumePoint.earliest(), BOOK_1);
        publish("d", BOOK_1);
        settle();

        assertThat(sink.openHeader()).isEqualTo("earliest");
        assertThat(sink.ids()).containsExactly("a", "b", "c", "d");
        assertThat(sink.events()).startsWith("open earliest", "write 1", "write 2", "write 3", "flush");
    }

    @Test
    void afterAnIdReplaysOnlyLaterUpdatesAndEchoesTheId() {
        startHub();
        publish("a", BOOK_1);
        publish("b", BOOK_1);
        publish("c", BOOK_1);
        publish("d", BOOK_1);
        RecordingSink sink = sink();

        subscribe(sink, ResumePoint.after("b"), BOOK_1);
        publish("e", BOOK_1);
        settle();

        assertThat(sink.openHeader()).isEqualTo("b");
        assertThat(sink.ids()).containsExactly("c", "d", "e");
    }

    @Test
    void afterTheNewestIdReplaysNothingAndGoesLive() {
        startHub();
        publish("a", BOOK_1);
        RecordingSink sink = sink();

        subscribe(sink, ResumePoint.after("a"), BOOK_1);
        assertThat(sink.ids()).isEmpty();
        publish("b", BOOK_1);
        settle();

        assertThat(sink.openHeader()).isEqualTo("a");
        assertThat(sink.ids()).containsExactly("b");
    }

    @Test
    void unknownIdReplaysEverythingRetainedUnderEarliest() {
        startHub();
        publish("a", BOOK_1);
        publish("b", BOOK_1);
        RecordingSink sink = sink();

        subscribe(sink, ResumePoint.after("never-published"), BOOK_1);

        assertThat(sink.openHeader()).isEqualTo("earliest");
        assertThat(sink.ids()).containsExactly("a", "b");
    }

    @Test
    void evictedIdReplaysWhatIsStillRetainedUnderEarliest() {
        startHub(new InMemoryTransport(3), HubConfig.defaults());
        for (String id : List.of("a", "b", "c", "d", "e")) {
            publish(id, BOOK_1);
        }
        RecordingSink sink = sink();

        subscribe(sink, ResumePoint.after("a"), BOOK_1);

        assertThat(sink.openHeader()).isEqualTo("earliest");
        assertThat(sink.ids()).containsExactly("c", "d", "e");
    }

    @Test
    void replayAppliesSelectorsAndPrivacy() {
        startHub();
        publish("a", BOOK_1);
        publish("b", BOOK_2);
        publishPrivate("c", BOOK_1);
        publish("d", AUTHOR_1, BOOK_1);
        RecordingSink anonymous = sink();
        RecordingSink authorized = sink();

        subscribe(anonymous, subscription(ResumePoint.earliest(), List.of(BOOK_1), List.of()));
        subscribe(authorized, subscription(ResumePoint.earliest(), List.of(BOOK_1), List.of(BOOKS)));

        assertThat(anonymous.ids()).containsExactly("a", "d");
        assertThat(authorized.ids()).containsExactly("a", "c", "d");
    }

    @Test
    void replayReadsHistoryLongerThanOnePage() {
        startHub(new InMemoryTransport(100), new HubConfig(Duration.ofSeconds(15), 3, 4096));
        for (int i = 1; i <= 10; i++) {
            publish("u" + i, BOOK_1);
        }
        RecordingSink all = sink();
        RecordingSink later = sink();

        subscribe(all, ResumePoint.earliest(), BOOK_1);
        subscribe(later, ResumePoint.after("u4"), BOOK_1);

        assertThat(all.sequences()).containsExactlyElementsOf(range(1, 10));
        assertThat(later.sequences()).containsExactlyElementsOf(range(5, 10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("raceSetups")
    void resumeWhilePublishingDeliversEverySequenceAfterTheResumePointOnceInOrder(
            String setup, boolean blockingReads, int pageSize, int maxPending) throws Exception {
        startHub(new TestTransport(10_000, blockingReads),
                new HubConfig(Duration.ofSeconds(15), pageSize, maxPending));
        List<TestLane> raceLanes = List.of(lane, newLane(TestLane.manual("lane-1")),
                newLane(TestLane.manual("lane-2")), newLane(TestLane.manual("lane-3")));
        int before = 100;
        int rounds = 20;
        int perRound = 100;
        long total = before + (long) rounds * perRound;
        for (int n = 1; n <= before; n++) {
            publish(raceUpdate(n));
        }

        // Each round the publisher sends 100 updates while one more subscriber resumes.
        CyclicBarrier roundStart = new CyclicBarrier(2);
        ExecutorService publisher = Executors.newSingleThreadExecutor();
        Future<?> publishing = publisher.submit(() -> {
            for (int r = 0; r < rounds; r++) {
                roundStart.await(10, TimeUnit.SECONDS);
                for (int i = 1; i <= perRound; i++) {
                    publish(raceUpdate(before + r * perRound + i));
                }
            }
            return null;
        });
        int[] stepsBack = {0, 0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 99, 50, 17, 1, 99, 64, 31, 7};
        List<RecordingSink> subscribers = new ArrayList<>();
        long[] resumedAfter = new long[rounds];
        try {
            for (int r = 0; r < rounds; r++) {
                roundStart.await(10, TimeUnit.SECONDS);
                long stored = before + (long) r * perRound; // every earlier round is stored
                resumedAfter[r] = r == 0 ? 0 : stored - stepsBack[r];
                ResumePoint resume = r == 0 ? ResumePoint.earliest() : ResumePoint.after("u-" + resumedAfter[r]);
                RecordingSink sink = sink(raceLanes.get(r % raceLanes.size()));
                subscribers.add(sink);
                hub.subscribe(subscription(resume, raceSelectors(r), List.of()), sink);
            }
            publishing.get(30, TimeUnit.SECONDS);
        } finally {
            publisher.shutdownNow();
        }

        Poll.waitFor(() -> subscribers.stream().allMatch(s -> s.lastSequence() == total));
        for (int r = 0; r < rounds; r++) {
            RecordingSink sink = subscribers.get(r);
            assertThat(sink.openHeader()).as("header of subscriber %d", r)
                    .isEqualTo(r == 0 ? "earliest" : "u-" + resumedAfter[r]);
            assertThat(mismatch(sink.sequences(), resumedAfter[r] + 1, total))
                    .as("subscriber %d resuming after sequence %d", r, resumedAfter[r])
                    .isEmpty();
            assertThat(sink.closeReasons()).isEmpty();
        }
        assertThat(hub.stats().subscribers()).isEqualTo(rounds);
    }

    @ParameterizedTest(name = "blockingReads={0}")
    @ValueSource(booleans = {true, false})
    void historyThatCannotBeReadClosesTheSubscription(boolean blockingReads) {
        TestTransport transport = new TestTransport(100, blockingReads);
        startHub(transport, HubConfig.defaults());
        publish("a", BOOK_1);
        transport.failReads(new IllegalStateException("history store is down"));
        RecordingSink sink = sink();

        hub.subscribe(subscription(ResumePoint.earliest(), List.of(BOOK_1), List.of()), sink);
        lane.sync();
        if (blockingReads) {
            Poll.waitFor(() -> !sink.closeReasons().isEmpty());
        }

        assertThat(sink.closeReasons()).containsExactly(CloseReason.HISTORY_UNAVAILABLE);
        assertThat(hub.stats().subscribers()).isZero();
    }

    @Test
    void heartbeatWaitsUntilTheStreamIsOpen() throws InterruptedException {
        TestTransport transport = new TestTransport(100, true);
        startHub(transport, HubConfig.defaults());
        publish("a", BOOK_1);
        CountDownLatch lookup = transport.holdLookups();
        RecordingSink sink = sink();

        hub.subscribe(subscription(ResumePoint.after("a"), List.of(BOOK_1), List.of()), sink);
        lane.sync(); // started: the id lookup is held off the lane
        lane.tickInterval(); // a heartbeat comes due while the lookup is in flight
        lookup.countDown();
        Poll.until("the stream to open", sink::isOpen);
        publish("b", BOOK_1);
        Poll.until("update b", () -> sink.ids().contains("b"));

        assertThat(sink.events()).first().isEqualTo("open a");
        assertThat(sink.violations()).isEmpty();
    }

    static Stream<Arguments> raceSetups() {
        return Stream.of(
                arguments("history read on the lane", false, 256, 4096),
                arguments("history read on the lane, small pages", false, 7, 4096),
                arguments("history read off the lane", true, 256, 4096),
                arguments("history read off the lane, small pages, pending overflow", true, 16, 8));
    }

    /** Update {@code n} of the race has sequence {@code n}; every third also carries an alternate topic. */
    private static Update raceUpdate(int n) {
        return update("u-" + n, false, n % 3 == 0 ? new String[] {"t", "t-alt"} : new String[] {"t"});
    }

    /** Selector sets that all select every race update, through each way the lane indexes them. */
    private static List<String> raceSelectors(int subscriber) {
        return switch (subscriber % 4) {
            case 0 -> List.of("t");
            case 1 -> List.of("t", "t-alt");
            case 2 -> List.of("*");
            default -> List.of("t-alt", "{topic}");
        };
    }

    /** The first way {@code actual} differs from {@code first..last}, or empty when it does not. */
    private static Optional<String> mismatch(List<Long> actual, long first, long last) {
        for (int i = 0; i < actual.size(); i++) {
            long expected = first + i;
            if (actual.get(i) != expected) {
                String kind = actual.get(i) < expected ? "duplicate or out of order" : "gap";
                return Optional.of("at index " + i + " expected sequence " + expected + " but got "
                        + actual.get(i) + " (" + kind + "); around it: "
                        + actual.subList(Math.max(0, i - 3), Math.min(actual.size(), i + 4)));
            }
        }
        long expectedCount = last - first + 1;
        if (actual.size() != expectedCount) {
            return Optional.of("got " + actual.size() + " updates, expected " + expectedCount
                    + (actual.isEmpty() ? "" : "; last was " + actual.get(actual.size() - 1)));
        }
        return Optional.empty();
    }
}
