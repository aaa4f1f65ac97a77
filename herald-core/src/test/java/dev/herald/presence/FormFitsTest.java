package dev.herald.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.Update;
import dev.herald.hub.ResumePoint;
import dev.herald.hub.Subscription;
import dev.herald.topic.TopicSelector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hub announces each subscription change twice, once per protocol; a reader gets the form of
 * its own protocol and nothing else changes for ordinary updates.
 */
class FormFitsTest {
    private static final ActiveSubscription S =
            new ActiveSubscription("urn:uuid:1e0cba4c-4bcd-44f0-ae8a-7b76f7ef1280", "exact", "https://example.com/a", null);
    /** What PresenceTracker publishes: 1.0 form, typed, on the 1.0 topic. */
    private static final Update EVENT_10 = Update.builder().topic(S.topic()).type(SubscriptionTopics.EVENT_TYPE)
            .privateUpdate(true).data("{}").build();
    /** 0.x form: untyped, on the 0.x topic. */
    private static final Update EVENT_0X = Update.builder().topic(S.legacyTopic()).privateUpdate(true).data("{}").build();

    @Test
    void a10ReaderGetsOnlyThe10Form() {
        assertThat(SubscriptionTopics.formFits(EVENT_10, false)).isTrue();
        assertThat(SubscriptionTopics.formFits(EVENT_0X, false)).isFalse();
    }

    @Test
    void a0xReaderGetsOnlyThe0xForm() {
        assertThat(SubscriptionTopics.formFits(EVENT_0X, true)).isTrue();
        assertThat(SubscriptionTopics.formFits(EVENT_10, true)).isFalse();
    }

    @ParameterizedTest(name = "private={0}")
    @ValueSource(booleans = {true, false})
    void ordinaryUpdatesFitEveryReader(boolean privateUpdate) {
        for (Update u : List.of(
                Update.builder().topic("https://example.com/a").privateUpdate(privateUpdate).data("d").build(),
                Update.builder().topic("https://example.com/a").type("ping").privateUpdate(privateUpdate).data("d").build(),
                // a topic that merely mentions the namespace is not in it
                Update.builder().topic("https://example.com/.well-known/mercure/subscriptions/x")
                        .privateUpdate(privateUpdate).data("d").build(),
                Update.builder().topic("/.well-known/mercure/subscriptions-elsewhere/x")
                        .privateUpdate(privateUpdate).data("d").build())) {
            assertThat(SubscriptionTopics.formFits(u, false)).as("1.0 reader, %s", u).isTrue();
            assertThat(SubscriptionTopics.formFits(u, true)).as("0.x reader, %s", u).isTrue();
        }
    }

    @Test
    void aWildcardSubscriberGetsEachChangeOnceInItsOwnForm() {
        List<TopicSelector> all = List.of(TopicSelector.parse("*"));
        Subscription modern = new Subscription(all, all, ResumePoint.live(), null, false);
        Subscription legacy = new Subscription(all, all, ResumePoint.live(), null, true);

        assertThat(List.of(modern.accepts(EVENT_10), modern.accepts(EVENT_0X))).containsExactly(true, false);
        assertThat(List.of(legacy.accepts(EVENT_10), legacy.accepts(EVENT_0X))).containsExactly(false, true);
    }

    @Test
    void withoutAGrantForTheNamespaceNeitherFormArrives() {
        List<TopicSelector> all = List.of(TopicSelector.parse("*"));
        List<TopicSelector> books = List.of(TopicSelector.parse("https://example.com/{id}"));
        for (boolean legacyReader : new boolean[] {false, true}) {
            Subscription anonymous = new Subscription(all, List.of(), ResumePoint.live(), null, legacyReader);
            Subscription elsewhere = new Subscription(all, books, ResumePoint.live(), null, legacyReader);

            assertThat(anonymous.accepts(EVENT_10) || anonymous.accepts(EVENT_0X)).isFalse();
            assertThat(elsewhere.accepts(EVENT_10) || elsewhere.accepts(EVENT_0X)).isFalse();
            assertThat(elsewhere.accepts(Update.builder().topic("https://example.com/a").privateUpdate(true)
                    .data("d").build())).as("the grant itself works").isTrue();
        }
    }
}
