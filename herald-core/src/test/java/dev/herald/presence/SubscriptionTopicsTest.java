package dev.herald.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The subscription namespace: RFC 6570 simple expansion of each variable, exactly once. */
class SubscriptionTopicsTest {
    private static final String SUBSCRIBER = "urn:uuid:bb3de268-05b0-4c65-b44e-8f9acefc29d6";
    private static final String ENCODED_SUBSCRIBER = "urn%3Auuid%3Abb3de268-05b0-4c65-b44e-8f9acefc29d6";

    @Test
    void unreservedCharactersAreLeftAlone() {
        String unreserved = "ABCXYZabcxyz0189-._~";

        assertThat(SubscriptionTopics.encode(unreserved)).isEqualTo(unreserved);
        assertThat(SubscriptionTopics.encode("")).isEmpty();
        assertThat(SubscriptionTopics.encode("a.b")).isEqualTo("a.b");
    }

    @Test
    void aVariableThatWouldBeADotSegmentHasItsDotsEncoded() {
        // URL parsing removes dot segments: left bare, match=.. would make a topic naming another path
        assertThat(SubscriptionTopics.encode(".")).isEqualTo("%2E");
        assertThat(SubscriptionTopics.encode("..")).isEqualTo("%2E%2E");
        assertThat(SubscriptionTopics.encode("...")).isEqualTo("...");
        assertThat(SubscriptionTopics.of("exact", "..", "s")).isEqualTo(SubscriptionTopics.COLLECTION + "/exact/%2E%2E/s");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "%|%25",
        // already encoded text is data: its % is encoded again, once (no decode-then-encode)
        "%3A|%253A",
        "a%2Fb|a%252Fb",
        "/|%2F",
        ":|%3A",
        "https://example.com/:selector|https%3A%2F%2Fexample.com%2F%3Aselector",
        "https://example.com/{selector}|https%3A%2F%2Fexample.com%2F%7Bselector%7D",
        "\" \"|%20",
        "+|%2B",
        "*|%2A",
        "?#[]@!$&'()*+,;=|%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D",
        "é|%C3%A9",
        "€|%E2%82%AC",
        "😀|%F0%9F%98%80",
        "a€b|a%E2%82%ACb",
    })
    void everyOtherByteIsPercentEncodedInUpperCaseHex(String value, String encoded) {
        assertThat(SubscriptionTopics.encode(value)).isEqualTo(encoded);
    }

    @Test
    void theTopicOfA10SubscriptionIsTheSpecExample() {
        assertThat(SubscriptionTopics.of("urlpattern", "https://example.com/:selector", SUBSCRIBER)).isEqualTo(
                "/.well-known/mercure/subscriptions/urlpattern/https%3A%2F%2Fexample.com%2F%3Aselector/"
                        + ENCODED_SUBSCRIBER);
        assertThat(SubscriptionTopics.forMatcher("exact", "https://example.com/a-topic"))
                .isEqualTo("/.well-known/mercure/subscriptions/exact/https%3A%2F%2Fexample.com%2Fa-topic");
    }

    @Test
    void theTopicOfA0xSubscriptionHasNoMatcherType() {
        assertThat(SubscriptionTopics.legacyOf("https://example.com/{selector}", SUBSCRIBER)).isEqualTo(
                "/.well-known/mercure/subscriptions/https%3A%2F%2Fexample.com%2F%7Bselector%7D/" + ENCODED_SUBSCRIBER);
        assertThat(SubscriptionTopics.legacyForTopic("*")).isEqualTo("/.well-known/mercure/subscriptions/%2A");
    }

    @Test
    void aMatcherThatLooksEncodedKeepsItsOwnTopic() {
        // "a/b" and "a%2Fb" are different matchers: their topics must differ, and neither has an extra segment
        String slash = SubscriptionTopics.forMatcher("exact", "a/b");
        String encodedSlash = SubscriptionTopics.forMatcher("exact", "a%2Fb");

        assertThat(slash).isEqualTo(SubscriptionTopics.COLLECTION + "/exact/a%2Fb");
        assertThat(encodedSlash).isEqualTo(SubscriptionTopics.COLLECTION + "/exact/a%252Fb");
        assertThat(slash.split("/")).hasSameSizeAs(encodedSlash.split("/"));
    }

    @Test
    void anActiveSubscriptionNamesBothItsTopics() {
        ActiveSubscription s = new ActiveSubscription(SUBSCRIBER, "exact", "https://example.com/a-topic", "{\"a\":1}");

        assertThat(s.topic()).isEqualTo("/.well-known/mercure/subscriptions/exact/https%3A%2F%2Fexample.com%2Fa-topic/"
                + ENCODED_SUBSCRIBER);
        assertThat(s.legacyTopic()).isEqualTo("/.well-known/mercure/subscriptions/https%3A%2F%2Fexample.com%2Fa-topic/"
                + ENCODED_SUBSCRIBER);
    }

    @Test
    void anActiveSubscriptionNeedsItsThreeVariablesButNotAPayload() {
        assertThatNullPointerException().isThrownBy(() -> new ActiveSubscription(null, "exact", "m", null));
        assertThatNullPointerException().isThrownBy(() -> new ActiveSubscription(SUBSCRIBER, null, "m", null));
        assertThatNullPointerException().isThrownBy(() -> new ActiveSubscription(SUBSCRIBER, "exact", null, null));
        assertThat(new ActiveSubscription(SUBSCRIBER, "exact", "m", null).payloadJson()).isNull();
    }

    @Test
    void aScopeWithATypeNeedsAMatcher() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SubscriptionScope("exact", null));
        assertThat(SubscriptionScope.topic("t")).isEqualTo(new SubscriptionScope(null, "t"));
        assertThat(SubscriptionScope.matcher("exact", "t")).isEqualTo(new SubscriptionScope("exact", "t"));
    }

    @Test
    void anEmptyPageHasNoCursor() {
        assertThat(new SubscriptionPage(java.util.List.of(), 3, true).lastId()).isNull();
    }

    @Test
    void subscriberIdsAreRandomUuidUrns() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = SubscriberIds.next();
            assertThat(id).startsWith("urn:uuid:");
            assertThat(UUID.fromString(id.substring("urn:uuid:".length())).version()).isEqualTo(4);
            assertThat(seen.add(id)).as("distinct: %s", id).isTrue();
        }
    }
}
