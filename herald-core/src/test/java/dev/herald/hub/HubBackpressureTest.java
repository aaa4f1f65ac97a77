package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.herald.transport.InMemoryTransport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubBackpressureTest extends HubFixture {

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
