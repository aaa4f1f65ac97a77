package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.herald.event.StoredUpdate;
import dev.herald.transport.TransportClosedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class HubClosingTest extends HubFixture {

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
