package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class HubLiveDeliveryTest extends HubFixture {

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

        publishAsOneBatch(() -> {
            publish("a", BOOK_1);
            publish("b", BOOK_1);
            publish("c", BOOK_1);
        });

        assertThat(first.events()).containsExactly("open null", "flush", "write 1", "write 2", "write 3", "flush");
        assertThat(second.events()).isEqualTo(first.events());
    }

    @Test
    void batchGivesEachSubscriberAllOfItsEventsBackToBackThenFlushesIt() throws InterruptedException {
        startHub();
        List<String> log = new ArrayList<>();
        RecordingSink exact = sink();
        RecordingSink patterned = sink();
        RecordingSink other = sink();
        subscribe(exact, ResumePoint.live(), BOOK_1, ISBN);
        subscribe(patterned, ResumePoint.live(), BOOKS);
        subscribe(other, ResumePoint.live(), AUTHOR_1);
        exact.alsoLogTo(log, "exact");
        patterned.alsoLogTo(log, "patterned");
        other.alsoLogTo(log, "other");

        CountDownLatch release = holdLane();

        // Queued while the lane is busy, so they form one batch.
        publish("a", BOOK_1, ISBN);
        publish("b", AUTHOR_1);
        publish("c", ISBN, BOOK_1);
        publish("d", BOOK_2);
        release.countDown();
        settle();

        assertThat(log).containsExactly(
                "exact write 1", "exact write 3", "exact flush",
                "patterned write 1", "patterned write 3", "patterned write 4", "patterned flush",
                "other write 2", "other flush");
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
