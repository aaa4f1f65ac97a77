package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A publish wakes only the event loops whose subscribers could match it: with per-user topics
 * spread over many loops, waking every loop for every update wastes a thread switch per loop.
 */
class HubLaneRoutingTest extends HubFixture {
    private static final String USER_2 = "https://example.com/users/2";

    /** A second event loop next to the fixture's {@code lane}; the tests count what reaches it. */
    private TestLane other;

    @BeforeEach
    void startHubWithASecondLane() {
        startHub();
        other = newLane(TestLane.manual("lane-1"));
    }

    @Test
    void updateForOneUserDoesNotWakeTheLaneHoldingOnlyOtherUsers() {
        RecordingSink user1 = sink(lane);
        RecordingSink user2 = sink(other);
        subscribe(user1, subscription(ResumePoint.live(), List.of(USER_1), List.of(USER_1)));
        subscribe(user2, subscription(ResumePoint.live(), List.of(USER_2), List.of(USER_2)));

        int wakeUps = wakeUps(other, () -> {
            for (int i = 0; i < 50; i++) {
                publishPrivate("p" + i, USER_1);
            }
        });

        assertThat(user1.ids()).hasSize(50).startsWith("p0").endsWith("p49");
        assertThat(user2.ids()).isEmpty();
        assertThat(wakeUps).as("tasks handed to the lane without a matching subscriber").isZero();
    }

    @Test
    void laneWithAPatternSubscriberIsOfferedEveryTopic() {
        RecordingSink exact = sink(lane);
        RecordingSink pattern = sink(other);
        subscribe(exact, ResumePoint.live(), USER_1);
        subscribe(pattern, ResumePoint.live(), USERS);

        publish("a", USER_1);
        publish("b", USER_2);
        publish("c", AUTHOR_1);
        settle();

        assertThat(exact.ids()).containsExactly("a");
        assertThat(pattern.ids()).containsExactly("a", "b");
    }

    @Test
    void updateReachesTheLaneThroughAnyOfItsTopics() {
        RecordingSink reviews = sink(other);
        subscribe(reviews, ResumePoint.live(), BOOK_1_REVIEWS);

        publish("a", BOOK_1, BOOK_1_REVIEWS);
        publish("b", BOOK_1);
        settle();

        assertThat(reviews.ids()).containsExactly("a");
    }

    @Test
    void laneIsNoLongerWokenForATopicOnceItsLastSubscriberLeaves() {
        RecordingSink first = sink(other);
        RecordingSink second = sink(other);
        SubscriptionHandle firstHandle = subscribe(first, ResumePoint.live(), USER_1);
        SubscriptionHandle secondHandle = subscribe(second, ResumePoint.live(), USER_1);

        other.run(firstHandle::close);
        publish("while-one-is-left", USER_1);
        settle();
        other.run(secondHandle::close);

        assertThat(wakeUps(other, () -> publish("after-both-left", USER_1))).isZero();
        assertThat(second.ids()).containsExactly("while-one-is-left");
        assertThat(first.ids()).isEmpty();
    }

    @Test
    void laneIsNoLongerWokenOnceItsLastPatternSubscriberLeaves() {
        RecordingSink pattern = sink(other);
        SubscriptionHandle handle = subscribe(pattern, ResumePoint.live(), "*");
        publish("seen", AUTHOR_1);
        settle();

        other.run(handle::close);

        assertThat(wakeUps(other, () -> publish("unseen", AUTHOR_1))).isZero();
        assertThat(pattern.ids()).containsExactly("seen");
    }

    /** Tasks handed to {@code lane} while {@code publishing} runs and every lane settles. */
    private int wakeUps(TestLane lane, Runnable publishing) {
        int before = lane.executeCalls();
        publishing.run();
        settle();
        return lane.executeCalls() - before;
    }
}
