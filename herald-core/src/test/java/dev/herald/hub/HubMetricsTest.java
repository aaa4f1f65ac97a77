package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.StoredUpdate;
import dev.herald.transport.InMemoryTransport;
import dev.herald.transport.TransportClosedException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link HubMetrics}: deliveries counted on every path (alone, batched, replayed), ends by reason, failures. */
class HubMetricsTest extends HubFixture {

    @Test
    void anUpdateAloneInItsPassCountsOneDeliveryPerSubscriberThatGotIt() {
        startHub();
        for (int i = 0; i < 3; i++) {
            subscribe(sink(), ResumePoint.live(), BOOK_1);
        }
        subscribe(sink(), ResumePoint.live(), BOOK_2);

        StoredUpdate a = publish("a", BOOK_1);
        settle();
        StoredUpdate b = publish("b", BOOK_2);
        settle();

        assertThat(hub.metrics().deliveries()).isEqualTo(4);
        assertThat(hub.metrics().deliveredBytes()).isEqualTo(3L * a.frame().length + b.frame().length);
    }

    @Test
    void aBatchCountsWhatReachedEachSinkAndAnUpdateOnTwoTopicsOnce() throws InterruptedException {
        startHub();
        RecordingSink both = sink();
        RecordingSink one = sink();
        subscribe(both, ResumePoint.live(), BOOK_1, BOOK_2);
        subscribe(one, ResumePoint.live(), BOOK_2);
        List<StoredUpdate> published = new CopyOnWriteArrayList<>();

        publishAsOneBatch(() -> {
            published.add(publish("a", BOOK_1));
            published.add(publish("b", BOOK_1, BOOK_2));
            published.add(publish("c", BOOK_2));
        });

        assertThat(both.ids()).containsExactly("a", "b", "c");
        assertThat(one.ids()).containsExactly("b", "c");
        assertThat(hub.metrics().deliveries()).isEqualTo(5);
        long bytes = published.get(0).frame().length + 2L * published.get(1).frame().length
                + 2L * published.get(2).frame().length;
        assertThat(hub.metrics().deliveredBytes()).isEqualTo(bytes);
    }

    @Test
    void eventsReplayedFromHistoryCountAsDeliveries() {
        startHub();
        publish("a", BOOK_1);
        publish("b", BOOK_2);
        publish("c", BOOK_1);
        RecordingSink sink = sink();

        subscribe(sink, ResumePoint.earliest(), BOOK_1);
        settle();

        assertThat(sink.ids()).containsExactly("a", "c");
        assertThat(hub.metrics().deliveries()).isEqualTo(2);
    }

    @Test
    void endsAreCountedByWhoEndedTheSubscriptionAndWhy() {
        startHub();
        SubscriptionHandle leaving = subscribe(sink(), ResumePoint.live(), BOOK_1);
        RecordingSink slow = sink();
        subscribe(slow, ResumePoint.live(), BOOK_1);
        subscribe(sink(), ResumePoint.live(), BOOK_2);

        lane.run(leaving::close);
        slow.setWritable(false);
        publish("a", BOOK_1);
        settle();

        HubMetrics m = hub.metrics();
        assertThat(m.subscriptionsStarted()).isEqualTo(3);
        assertThat(m.subscriptionsEndedByClient()).isEqualTo(1);
        assertThat(m.subscriptionsEndedByHub(CloseReason.SLOW_SUBSCRIBER)).isEqualTo(1);
        assertThat(m.subscriptionsEndedByHub(CloseReason.HUB_CLOSED)).isZero();
        assertThat(m.subscribers()).isEqualTo(1);
        assertThat(m.topicSelectors()).isEqualTo(1);

        hub.close();
        settle();
        assertThat(m.subscriptionsEndedByHub(CloseReason.HUB_CLOSED)).isEqualTo(1);
        assertThat(m.subscribers()).isZero();
    }

    @Test
    void theObserverHearsEachPublishAndEachFanOutPass() throws InterruptedException {
        startHub();
        List<String> heard = new CopyOnWriteArrayList<>();
        hub.setObserver(new HubObserver() {
            @Override
            public void publishAnswered(long nanos, Throwable failure) {
                heard.add("publish " + (nanos >= 0) + " " + failure);
            }

            @Override
            public void fanOutPass(long queuedNanos, long writingNanos, int updates) {
                heard.add("pass " + (queuedNanos >= 0 && writingNanos >= 0) + " " + updates);
            }
        });
        subscribe(sink(), ResumePoint.live(), BOOK_1);

        publishAsOneBatch(() -> {
            publish("a", BOOK_1);
            publish("b", BOOK_1);
        });

        assertThat(heard).containsExactly("publish true null", "publish true null", "pass true 2");
    }

    @Test
    void aRefusedPublishIsAFailureNotAPublishAndAClosedHubIsNotHealthy() {
        InMemoryTransport transport = new InMemoryTransport(10);
        startHub(transport, HubConfig.defaults());
        assertThat(hub.health().ready()).isTrue();
        transport.close();

        Throwable failure = hub.publish(update("a", false, BOOK_1)).toCompletableFuture()
                .handle((stored, e) -> e).join();

        assertThat(failure).isInstanceOf(CompletionException.class).hasCauseInstanceOf(TransportClosedException.class);
        assertThat(hub.metrics().publishFailures()).isEqualTo(1);
        assertThat(hub.metrics().updatesPublished()).isZero();
        assertThat(hub.metrics().health().ready()).isFalse();
        assertThat(hub.metrics().health().reason()).isEqualTo("memory history closed");
        hub.close();
        assertThat(hub.health().reason()).isEqualTo("hub closed");
    }

    @Test
    void retainedUpdatesFollowTheMemoryHistory() {
        startHub(new InMemoryTransport(2), HubConfig.defaults());
        assertThat(hub.metrics().retainedUpdates()).hasValue(0);
        publish("a", BOOK_1);
        assertThat(hub.metrics().retainedUpdates()).hasValue(1);
        publish("b", BOOK_1);
        publish("c", BOOK_1);
        assertThat(hub.metrics().retainedUpdates()).hasValue(2);
    }
}
