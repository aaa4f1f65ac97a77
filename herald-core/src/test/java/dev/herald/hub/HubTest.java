package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.topic.TopicSelector;
import dev.herald.transport.InMemoryTransport;
import dev.herald.transport.Transport;
import dev.herald.transport.TransportClosedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HubTest {
    private static final String BOOK_1 = "https://example.com/books/1";
    private static final String BOOK_2 = "https://example.com/books/2";
    private static final String BOOK_1_REVIEWS = "https://example.com/books/1/reviews";
    private static final String BOOKS = "https://example.com/books/{id}";
    private static final String AUTHOR_1 = "https://example.com/authors/1";
    private static final String ISBN = "urn:isbn:0441013597";
    private static final String USER_1 = "https://example.com/users/1";
    private static final String USERS = "https://example.com/users/{id}";

    private final List<TestLane> lanes = new ArrayList<>();
    private final List<RecordingSink> sinks = new ArrayList<>();
    private TestLane lane;
    private Hub hub;

    @BeforeEach
    void createLane() {
        lane = newLane(TestLane.manual("lane-0"));
    }

    @AfterEach
    void closeHubAndCheckSinks() throws InterruptedException {
        if (hub != null) {
            hub.close();
        }
        for (TestLane l : lanes) {
            l.stop();
        }
        for (RecordingSink sink : sinks) {
            assertThat(sink.violations()).as("breaches of the sink contract").isEmpty();
        }
    }

    @Nested
    class LiveDelivery {

        @Test
        void exactSelectorReceivesOnlyItsTopic() {
            startHub();
            RecordingSink sink = sink();
            subscribe(sink, ResumePoint.live(), BOOK_1);

            publish("a", BOOK_1);
            publish("b", BOOK_2);
            publish("c", BOOK_1_REVIEWS);
            publish("d", BOOK_1);
            settle();

            assertThat(sink.ids()).containsExactly("a", "d");
        }

        @Test
        void templateSelectorReceivesTheTopicsItDescribes() {
            startHub();
            RecordingSink sink = sink();
            subscribe(sink, ResumePoint.live(), BOOKS);

            publish("a", BOOK_1);
            publish("b", AUTHOR_1);
            publish("c", BOOK_2);
            publish("d", BOOK_1_REVIEWS);
            settle();

            assertThat(sink.ids()).containsExactly("a", "c");
        }

        @Test
        void wildcardReceivesEveryTopic() {
            startHub();
            RecordingSink sink = sink();
            subscribe(sink, ResumePoint.live(), "*");

            publish("a", BOOK_1);
            publish("b", AUTHOR_1);
            publish("c", ISBN);
            settle();

            assertThat(sink.ids()).containsExactly("a", "b", "c");
        }

        @Test
        void updateMatchingSeveralSelectorsIsDeliveredOnce() {
            startHub();
            RecordingSink exact = sink();
            RecordingSink patterned = sink();
            subscribe(exact, ResumePoint.live(), BOOK_1, ISBN);
            subscribe(patterned, ResumePoint.live(), "*", BOOKS, ISBN);

            publish("a", BOOK_1, ISBN);
            publish("b", ISBN, BOOK_1, BOOK_1);
            settle();

            assertThat(exact.ids()).containsExactly("a", "b");
            assertThat(patterned.ids()).containsExactly("a", "b");
        }

        @Test
        void alternateTopicSelectsTheUpdate() {
            startHub();
            RecordingSink byIsbn = sink();
            subscribe(byIsbn, ResumePoint.live(), ISBN);

            publish("a", BOOK_1, ISBN);
            settle();

            assertThat(byIsbn.ids()).containsExactly("a");
        }

        @Test
        void liveSubscriptionOpensWithoutLastEventIdAndSkipsHistory() {
            startHub();
            publish("old", BOOK_1);
            RecordingSink sink = sink();
            subscribe(sink, ResumePoint.live(), BOOK_1);

            publish("new", BOOK_1);
            settle();

            assertThat(sink.openHeader()).isNull();
            assertThat(sink.events()).containsExactly("open null", "flush", "write 2", "flush");
        }

        @Test
        void burstIsWrittenWithOneFlushPerSubscriber() throws InterruptedException {
            startHub();
            RecordingSink first = sink();
            RecordingSink second = sink();
            subscribe(first, ResumePoint.live(), BOOK_1);
            subscribe(second, ResumePoint.live(), BOOKS);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch blocked = new CountDownLatch(1);
            lane.execute(() -> {
                blocked.countDown();
                awaitQuietly(release);
            });
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();

            publish("a", BOOK_1);
            publish("b", BOOK_1);
            publish("c", BOOK_1);
            release.countDown();
            settle();

            assertThat(first.events()).containsExactly("open null", "flush", "write 1", "write 2", "write 3", "flush");
            assertThat(second.events()).isEqualTo(first.events());
        }

        @Test
        void privateUpdateIsNotDeliveredWithoutPrivateSelectors() {
            startHub();
            RecordingSink anonymous = sink();
            subscribe(anonymous, subscription(ResumePoint.live(), List.of("*"), List.of()));

            publishPrivate("secret", USER_1);
            publish("public", USER_1);
            settle();

            assertThat(anonymous.ids()).containsExactly("public");
        }

        @Test
        void privateUpdateIsDeliveredWhenAPrivateSelectorMatchesOneOfItsTopics() {
            startHub();
            RecordingSink authorized = sink();
            subscribe(authorized, subscription(ResumePoint.live(), List.of("*"), List.of(USERS)));

            publishPrivate("mine", USER_1);
            publishPrivate("someone-elses", BOOK_1);
            publishPrivate("mine-too", BOOK_1, USER_1);
            publish("public", BOOK_1);
            settle();

            assertThat(authorized.ids()).containsExactly("mine", "mine-too", "public");
        }

        @Test
        void privateSelectorsDoNotWidenWhatIsSelected() {
            startHub();
            RecordingSink sink = sink();
            subscribe(sink, subscription(ResumePoint.live(), List.of(BOOK_1), List.of("*")));

            publishPrivate("a", USER_1);
            publishPrivate("b", BOOK_1);
            settle();

            assertThat(sink.ids()).containsExactly("b");
        }

        @Test
        void countsPublishedUpdates() {
            startHub();

            publish("a", BOOK_1);
            publish("b", BOOK_2);

            assertThat(hub.stats().updatesPublished()).isEqualTo(2);
        }
    }

    @Nested
    class Resume {

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
        @MethodSource("dev.herald.hub.HubTest#raceSetups")
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
            lane.tick(); // a heartbeat comes due while the lookup is in flight
            lookup.countDown();
            Poll.until("the stream to open", sink::isOpen);
            publish("b", BOOK_1);
            Poll.until("update b", () -> sink.ids().contains("b"));

            assertThat(sink.events()).first().isEqualTo("open a");
            assertThat(sink.violations()).isEmpty();
        }
    }

    @Nested
    class Backpressure {

        @Test
        void replayPausesWhileTheSinkIsNotWritableAndGoesOnAfterOnWritable() {
            startHub(new InMemoryTransport(100), new HubConfig(Duration.ofSeconds(15), 2, 4096));
            for (int i = 1; i <= 6; i++) {
                publish("u" + i, BOOK_1);
            }
            RecordingSink sink = sink();
            sink.becomeUnwritableAfter(2);

            SubscriptionHandle handle = subscribe(sink, ResumePoint.earliest(), BOOK_1);
            assertThat(sink.events()).containsExactly("open earliest", "write 1", "write 2", "flush");

            publish("u7", BOOK_1); // live, but history comes first
            settle();
            assertThat(sink.sequences()).containsExactly(1L, 2L);

            sink.becomeUnwritableAfter(2);
            lane.run(handle::onWritable);
            assertThat(sink.sequences()).containsExactly(1L, 2L, 3L, 4L);

            sink.setWritable(true);
            lane.run(handle::onWritable);
            assertThat(sink.sequences()).containsExactlyElementsOf(range(1, 7));

            publish("u8", BOOK_1);
            settle();
            assertThat(sink.sequences()).containsExactlyElementsOf(range(1, 8));
            assertThat(sink.closeReasons()).isEmpty();
        }

        @Test
        void replayGoesOnWhenTheSinkDrainsDuringThePausingFlush() {
            startHub(new InMemoryTransport(100), new HubConfig(Duration.ofSeconds(15), 2, 4096));
            for (int i = 1; i <= 6; i++) {
                publish("u" + i, BOOK_1);
            }
            RecordingSink sink = sink();
            sink.becomeUnwritableAfter(2);

            // Subscribing on the lane, as the server does, lets the sink know its handle before start.
            lane.run(() -> sink.drainOnFlush(hub.subscribe(
                    subscription(ResumePoint.earliest(), List.of(BOOK_1), List.of()), sink)));
            lane.sync();

            assertThat(sink.sequences()).containsExactlyElementsOf(range(1, 6));
        }

        @Test
        void onWritableForALiveSubscriptionChangesNothing() {
            startHub();
            RecordingSink sink = sink();
            SubscriptionHandle handle = subscribe(sink, ResumePoint.live(), BOOK_1);

            lane.run(handle::onWritable);
            publish("a", BOOK_1);
            settle();

            assertThat(sink.ids()).containsExactly("a");
        }

        @Test
        void liveSubscriberStillUnwritableAfterAFlushIsDisconnectedAsSlow() {
            startHub();
            RecordingSink slow = sink();
            RecordingSink healthy = sink();
            subscribe(slow, ResumePoint.live(), BOOK_1);
            subscribe(healthy, ResumePoint.live(), BOOK_1);
            slow.setWritable(false);

            publish("a", BOOK_1);
            settle();

            assertThat(slow.events()).endsWith("write 1", "flush", "close SLOW_SUBSCRIBER");
            assertThat(hub.stats().slowSubscribersDisconnected()).isEqualTo(1);
            assertThat(hub.stats().subscribers()).isEqualTo(1);
            assertThat(hub.stats().subscribersBySelector()).containsOnly(entry(BOOK_1, 1));

            publish("b", BOOK_1);
            settle();
            assertThat(slow.ids()).containsExactly("a");
            assertThat(healthy.ids()).containsExactly("a", "b");
            assertThat(healthy.closeReasons()).isEmpty();
        }

        @Test
        void replayingSubscriberIsPausedNotDisconnected() {
            startHub();
            publish("a", BOOK_1);
            RecordingSink sink = sink();
            sink.setWritable(false);

            subscribe(sink, ResumePoint.earliest(), BOOK_1);
            publish("b", BOOK_1);
            settle();

            assertThat(sink.closeReasons()).isEmpty();
            assertThat(hub.stats().slowSubscribersDisconnected()).isZero();
            assertThat(sink.ids()).isEmpty();
        }

        @Test
        void sinkThatThrowsDoesNotStopDeliveriesToOthersOnItsLane() {
            startHub();
            RecordingSink broken = sink();
            RecordingSink healthy = sink();
            subscribe(broken, ResumePoint.live(), BOOK_1);
            subscribe(healthy, ResumePoint.live(), BOOK_1);
            broken.failWrites(new IllegalStateException("connection reset"));

            publish("a", BOOK_1);
            settle();
            publish("b", BOOK_1);
            settle();

            assertThat(healthy.ids()).containsExactly("a", "b");
        }
    }

    @Nested
    class Heartbeat {

        @Test
        void idleSubscriberReceivesHeartbeats() {
            TestLane timed = newLane(TestLane.timed("timed-lane"));
            startHub(new InMemoryTransport(100), HubConfig.defaults().withHeartbeat(Duration.ofMillis(50)));
            RecordingSink idle = sink(timed);
            subscribe(idle, ResumePoint.live(), BOOK_1);

            Poll.until("two heartbeats", () -> idle.heartbeats() >= 2);

            assertThat(idle.events()).containsSubsequence("heartbeat", "flush", "heartbeat", "flush");
            assertThat(idle.closeReasons()).isEmpty();
        }

        @Test
        void subscriberWrittenToWithinAnIntervalGetsNoHeartbeatForIt() {
            startHub(new InMemoryTransport(100), HubConfig.defaults().withHeartbeat(Duration.ofMillis(50)));
            RecordingSink idle = sink();
            RecordingSink busy = sink();
            subscribe(idle, ResumePoint.live(), BOOK_1);
            subscribe(busy, ResumePoint.live(), BOOK_2);
            assertThat(lane.periods()).containsExactly(Duration.ofMillis(50));

            lane.tick(); // nothing was written since either opened
            assertThat(List.of(idle.heartbeats(), busy.heartbeats())).containsExactly(1, 1);

            publish("a", BOOK_2);
            settle();
            lane.tick();
            assertThat(List.of(idle.heartbeats(), busy.heartbeats())).containsExactly(2, 1);

            lane.tick(); // busy has been idle for a whole interval now
            assertThat(List.of(idle.heartbeats(), busy.heartbeats())).containsExactly(3, 2);
        }

        @Test
        void finishingAReplayCountsAsActivity() {
            startHub();
            publish("a", BOOK_1);
            RecordingSink sink = sink();
            subscribe(sink, ResumePoint.earliest(), BOOK_1);

            lane.tick();
            assertThat(sink.heartbeats()).isZero();

            lane.tick();
            assertThat(sink.heartbeats()).isEqualTo(1);
        }
    }

    @Nested
    class Closing {

        @Test
        void closingTheHandleFreesTheSubscriptionAndStopsDeliveries() {
            startHub();
            RecordingSink exact = sink();
            RecordingSink template = sink();
            RecordingSink mixed = sink();
            SubscriptionHandle h1 = subscribe(exact, ResumePoint.live(), BOOK_1);
            SubscriptionHandle h2 = subscribe(template, ResumePoint.live(), BOOKS);
            SubscriptionHandle h3 = subscribe(mixed, ResumePoint.live(), BOOK_1, "*");
            assertThat(hub.stats().subscribers()).isEqualTo(3);
            assertThat(hub.stats().subscribersBySelector())
                    .containsOnly(entry(BOOK_1, 2), entry(BOOKS, 1), entry("*", 1));

            lane.run(() -> {
                h1.close();
                h2.close();
                h3.close();
                h1.close(); // idempotent
            });
            publish("a", BOOK_1);
            settle();

            assertThat(hub.stats().subscribers()).isZero();
            assertThat(hub.stats().subscribersBySelector()).isEmpty();
            for (RecordingSink sink : List.of(exact, template, mixed)) {
                assertThat(sink.ids()).isEmpty();
                assertThat(sink.closeReasons()).as("the connection closed itself").isEmpty();
            }
        }

        @Test
        void closingManySubscribersOfOneTopicKeepsDeliveringToTheRest() {
            startHub();
            List<RecordingSink> subscribers = new ArrayList<>();
            List<SubscriptionHandle> handles = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                RecordingSink sink = sink();
                subscribers.add(sink);
                handles.add(subscribe(sink, ResumePoint.live(), BOOK_1));
            }

            lane.run(() -> {
                for (int i = 0; i < 40; i++) {
                    if (i % 4 != 3) {
                        handles.get(i).close();
                    }
                }
            });
            RecordingSink late = sink();
            subscribe(late, ResumePoint.live(), BOOK_1);
            publish("a", BOOK_1);
            settle();

            for (int i = 0; i < 40; i++) {
                assertThat(subscribers.get(i).ids()).as("subscriber %d", i)
                        .isEqualTo(i % 4 == 3 ? List.of("a") : List.of());
            }
            assertThat(late.ids()).containsExactly("a");
            assertThat(hub.stats().subscribers()).isEqualTo(11);
            assertThat(hub.stats().subscribersBySelector()).containsOnly(entry(BOOK_1, 11));
        }

        @Test
        void handleClosedBeforeItStartsIsNeverCounted() {
            startHub();
            RecordingSink sink = sink();

            lane.run(() -> hub.subscribe(subscription(ResumePoint.live(), List.of(BOOK_1), List.of()), sink).close());
            publish("a", BOOK_1);
            settle();

            assertThat(sink.isOpen()).isFalse();
            assertThat(sink.ids()).isEmpty();
            assertThat(hub.stats().subscribers()).isZero();
            assertThat(hub.stats().subscribersBySelector()).isEmpty();
        }

        @Test
        void hubCloseEndsEverySubscriptionWithHubClosed() {
            startHub();
            publish("a", BOOK_1);
            RecordingSink live = sink();
            RecordingSink replaying = sink();
            replaying.setWritable(false);
            subscribe(live, ResumePoint.live(), BOOK_1);
            subscribe(replaying, ResumePoint.earliest(), BOOKS);

            hub.close();
            lane.sync();

            assertThat(live.closeReasons()).containsExactly(CloseReason.HUB_CLOSED);
            assertThat(replaying.closeReasons()).containsExactly(CloseReason.HUB_CLOSED);
            assertThat(hub.stats().subscribers()).isZero();
            assertThat(hub.stats().subscribersBySelector()).isEmpty();
        }

        @Test
        void hubCloseEndsEverySubscriptionEvenWithManyOnOneLane() {
            startHub();
            List<RecordingSink> subscribers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                RecordingSink sink = sink();
                subscribers.add(sink);
                subscribe(sink, ResumePoint.live(), i % 2 == 0 ? BOOK_1 : BOOKS);
            }

            hub.close();
            lane.sync();

            List<Integer> notClosed = new ArrayList<>();
            for (int i = 0; i < subscribers.size(); i++) {
                if (!subscribers.get(i).closeReasons().equals(List.of(CloseReason.HUB_CLOSED))) {
                    notClosed.add(i);
                }
            }
            assertThat(notClosed).as("subscribers not closed with HUB_CLOSED").isEmpty();
            assertThat(hub.stats().subscribers()).isZero();
        }

        @Test
        void subscribingToAClosedHubEndsAtOnceWithHubClosed() {
            startHub();
            hub.close();
            RecordingSink sink = sink();

            subscribe(sink, ResumePoint.earliest(), BOOK_1);

            assertThat(sink.isOpen()).isFalse();
            assertThat(sink.closeReasons()).containsExactly(CloseReason.HUB_CLOSED);
            assertThat(hub.stats().subscribers()).isZero();
        }

        @Test
        void publishingToAClosedHubFails() {
            startHub();
            publish("a", BOOK_1);
            hub.close();

            CompletableFuture<StoredUpdate> stage = hub.publish(update("b", false, BOOK_1)).toCompletableFuture();

            assertThatThrownBy(stage::join)
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(TransportClosedException.class);
            assertThat(hub.stats().updatesPublished()).isEqualTo(1);
        }
    }

    static Stream<Arguments> raceSetups() {
        return Stream.of(
                arguments("history read on the lane", false, 256, 4096),
                arguments("history read on the lane, small pages", false, 7, 4096),
                arguments("history read off the lane", true, 256, 4096),
                arguments("history read off the lane, small pages, pending overflow", true, 16, 8));
    }

    // ---- fixture ----

    private TestLane newLane(TestLane created) {
        lanes.add(created);
        return created;
    }

    private void startHub() {
        startHub(new InMemoryTransport(1000), HubConfig.defaults());
    }

    private void startHub(Transport transport, HubConfig config) {
        hub = new Hub(transport, config);
    }

    private RecordingSink sink() {
        return sink(lane);
    }

    private RecordingSink sink(TestLane on) {
        RecordingSink sink = new RecordingSink(on);
        sinks.add(sink);
        return sink;
    }

    /** Subscribes and waits until the subscription has started on its lane. */
    private SubscriptionHandle subscribe(RecordingSink sink, ResumePoint resume, String... selectors) {
        return subscribe(sink, subscription(resume, List.of(selectors), List.of()));
    }

    private SubscriptionHandle subscribe(RecordingSink sink, Subscription subscription) {
        SubscriptionHandle handle = hub.subscribe(subscription, sink);
        ((TestLane) sink.lane()).sync();
        return handle;
    }

    private static Subscription subscription(
            ResumePoint resume, List<String> selectors, List<String> privateSelectors) {
        return new Subscription(parse(selectors), parse(privateSelectors), resume);
    }

    private static List<TopicSelector> parse(List<String> selectors) {
        return selectors.stream().map(TopicSelector::parse).toList();
    }

    private StoredUpdate publish(String id, String... topics) {
        return publish(update(id, false, topics));
    }

    private StoredUpdate publishPrivate(String id, String... topics) {
        return publish(update(id, true, topics));
    }

    private StoredUpdate publish(Update update) {
        return hub.publish(update).toCompletableFuture().join();
    }

    /** Waits until every lane has dispatched what was published so far. */
    private void settle() {
        for (TestLane l : lanes) {
            l.sync();
        }
    }

    private static Update update(String id, boolean privateUpdate, String... topics) {
        return Update.builder().id(id).topics(List.of(topics)).data("data of " + id).privateUpdate(privateUpdate).build();
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

    private static List<Long> range(long first, long last) {
        List<Long> range = new ArrayList<>();
        for (long s = first; s <= last; s++) {
            range.add(s);
        }
        return range;
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

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
