package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.topic.TopicSelector;
import dev.herald.transport.InMemoryTransport;
import dev.herald.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared setup for the {@code Hub*Test} classes: a hub over manual {@link TestLane}s and
 * {@link RecordingSink}s, closed after each test, when every sink must have kept its contract.
 */
abstract class HubFixture {
    static final String BOOK_1 = "https://example.com/books/1";
    static final String BOOK_2 = "https://example.com/books/2";
    static final String BOOK_1_REVIEWS = "https://example.com/books/1/reviews";
    static final String BOOKS = "https://example.com/books/{id}";
    static final String AUTHOR_1 = "https://example.com/authors/1";
    static final String ISBN = "urn:isbn:0441013597";
    static final String USER_1 = "https://example.com/users/1";
    static final String USERS = "https://example.com/users/{id}";

    private final List<TestLane> lanes = new ArrayList<>();
    private final List<RecordingSink> sinks = new ArrayList<>();
    TestLane lane;
    Hub hub;

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

    // ---- fixture ----

    TestLane newLane(TestLane created) {
        lanes.add(created);
        return created;
    }

    void startHub() {
        startHub(new InMemoryTransport(1000), HubConfig.defaults());
    }

    void startHub(Transport transport, HubConfig config) {
        hub = new Hub(transport, config);
    }

    RecordingSink sink() {
        return sink(lane);
    }

    RecordingSink sink(TestLane on) {
        RecordingSink sink = new RecordingSink(on);
        sinks.add(sink);
        return sink;
    }

    /** Subscribes and waits until the subscription has started on its lane. */
    SubscriptionHandle subscribe(RecordingSink sink, ResumePoint resume, String... selectors) {
        return subscribe(sink, subscription(resume, List.of(selectors), List.of()));
    }

    SubscriptionHandle subscribe(RecordingSink sink, Subscription subscription) {
        SubscriptionHandle handle = hub.subscribe(subscription, sink);
        ((TestLane) sink.eventLoop()).sync();
        return handle;
    }

    static Subscription subscription(
            ResumePoint resume, List<String> selectors, List<String> privateSelectors) {
        return new Subscription(parse(selectors), parse(privateSelectors), resume);
    }

    private static List<TopicSelector> parse(List<String> selectors) {
        return selectors.stream().map(TopicSelector::parse).toList();
    }

    StoredUpdate publish(String id, String... topics) {
        return publish(update(id, false, topics));
    }

    StoredUpdate publishPrivate(String id, String... topics) {
        return publish(update(id, true, topics));
    }

    StoredUpdate publish(Update update) {
        return hub.publish(update).toCompletableFuture().join();
    }

    /** Waits until every lane has dispatched what was published so far. */
    void settle() {
        for (TestLane l : lanes) {
            l.sync();
        }
    }

    /** Keeps the lane busy until the returned latch is released, so publishes queue up as one batch. */
    CountDownLatch holdLane() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        lane.execute(() -> {
            blocked.countDown();
            awaitQuietly(release);
        });
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    /** Runs {@code publishes} while the lane is held, so they reach it as one batch, then waits for it. */
    void publishAsOneBatch(Runnable publishes) throws InterruptedException {
        CountDownLatch release = holdLane();
        publishes.run();
        release.countDown();
        settle();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Update update(String id, boolean privateUpdate, String... topics) {
        return Update.builder().id(id).topics(List.of(topics)).data("data of " + id).privateUpdate(privateUpdate).build();
    }

    static List<Long> range(long first, long last) {
        List<Long> range = new ArrayList<>();
        for (long s = first; s <= last; s++) {
            range.add(s);
        }
        return range;
    }
}
