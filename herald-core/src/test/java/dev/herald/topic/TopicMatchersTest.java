package dev.herald.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.presence.SubscriptionTopics;
import org.junit.jupiter.api.Test;

class TopicMatchersTest {
    private static final String HUB = "https://hub.example/.well-known/mercure";

    @Test
    void anExactMatcherComparesCharacterForCharacterWithoutTemplatesOrNormalization() {
        TopicSelector exact = TopicMatchers.compile(MatcherType.EXACT, "https://example.com/books/{id}", HUB);

        assertThat(exact.matches("https://example.com/books/{id}")).isTrue();
        assertThat(exact.matches("https://example.com/books/1")).isFalse();
        assertThat(exact.isExact()).isTrue();
    }

    @Test
    void anExactMatcherDoesNotResolveRelativeValuesOrNormalizeCaseOrEscapes() {
        TopicSelector relative = TopicMatchers.compile(MatcherType.EXACT, "/books/1", HUB);
        TopicSelector escaped = TopicMatchers.compile(MatcherType.EXACT, "https://example.com/%7Euser", HUB);

        assertThat(relative.matches("https://hub.example/books/1")).isFalse();
        assertThat(relative.matches("/books/1")).isTrue();
        assertThat(escaped.matches("https://example.com/~user")).isFalse();
        assertThat(escaped.matches("HTTPS://example.com/%7Euser")).isFalse();
    }

    @Test
    void anExactMatcherDistinguishesCanonicallyEquivalentUnicode() {
        TopicSelector composed = TopicMatchers.compile(MatcherType.EXACT, "caf\u00e9", HUB);

        assertThat(composed.matches("caf\u00e9")).isTrue();
        assertThat(composed.matches("cafe\u0301")).isFalse();
    }

    @Test
    void theStarIsTheWildcardWhateverTheType() {
        for (MatcherType type : MatcherType.values()) {
            TopicSelector star = TopicMatchers.compile(type, "*", HUB);

            assertThat(star.matches("https://example.com/anything")).isTrue();
            assertThat(star.matches("not a url")).isTrue();
            assertThat(star.isExact()).isFalse();
        }
    }

    @Test
    void aUrlPatternMatchesTopicsAndResolvesRelativePatternsAndTopicsAgainstTheHubUrl() {
        TopicSelector books = TopicMatchers.compile(MatcherType.URLPATTERN, "https://example.com/books/:id", HUB);
        TopicSelector relative = TopicMatchers.compile(MatcherType.URLPATTERN, "/subscriptions/:id", HUB);

        assertThat(books.matches("https://example.com/books/1")).isTrue();
        assertThat(books.matches("https://EXAMPLE.com/books/1")).as("hosts are case-insensitive").isTrue();
        assertThat(books.matches("https://example.com/Books/1")).as("paths are not").isFalse();
        assertThat(books.matches("https://example.com/books/1/reviews")).isFalse();
        assertThat(books.matches("not a url at all")).isFalse();
        assertThat(books.isExact()).isFalse();
        assertThat(relative.matches("/subscriptions/7")).isTrue();
        assertThat(relative.matches("https://hub.example/subscriptions/7")).isTrue();
        assertThat(relative.matches("https://elsewhere.example/subscriptions/7")).isFalse();
    }

    @Test
    void aRelativeUrlPatternSelectsTheSubscriptionEventsOfOneTopicThroughItsPercentEncodedSegment() {
        // The presence recipe: {match} is encoded once as a whole, so "/" and ":" in the topic are
        // %2F and %3A inside one path segment, compared as written (URL parsing keeps escapes).
        String room = "/.well-known/mercure/subscriptions/exact/" + SubscriptionTopics.encode("demo/presence/lobby");
        String absolute = "/.well-known/mercure/subscriptions/exact/"
                + SubscriptionTopics.encode("https://example.com/rooms/lobby");
        TopicSelector members = TopicMatchers.compile(MatcherType.URLPATTERN, room + "/:subscriber", HUB);
        TopicSelector absoluteMembers = TopicMatchers.compile(MatcherType.URLPATTERN, absolute + "/:subscriber", HUB);
        TopicSelector collectionAndMembers = TopicMatchers.compile(MatcherType.URLPATTERN, room + "{/:subscriber}?", HUB);
        String subscriber = "urn%3Auuid%3A1e0cba4c-4bcd-44f0-ae8a-7b76f7ef1280";

        assertThat(room).isEqualTo("/.well-known/mercure/subscriptions/exact/demo%2Fpresence%2Flobby");
        assertThat(members.matches(room + "/" + subscriber)).isTrue();
        assertThat(members.matches("https://hub.example" + room + "/" + subscriber)).isTrue();
        assertThat(absoluteMembers.matches(absolute + "/" + subscriber)).isTrue();
        assertThat(members.matches(room)).as("the collection itself").isFalse();
        assertThat(members.matches(room + "2/" + subscriber)).as("another room").isFalse();
        assertThat(members.matches("/.well-known/mercure/subscriptions/exact/demo/presence/lobby/" + subscriber))
                .as("an unencoded topic is other segments").isFalse();
        assertThat(members.matches(room.replace("%2F", "%2f") + "/" + subscriber))
                .as("escapes are compared as written").isFalse();
        assertThat(collectionAndMembers.matches(room)).isTrue();
        assertThat(collectionAndMembers.matches(room + "/" + subscriber)).isTrue();
        assertThat(collectionAndMembers.matches(room + "/" + subscriber + "/more")).isFalse();
    }

    @Test
    void anInvalidUrlPatternIsRefusedWithTheReason() {
        assertThatThrownBy(() -> TopicMatchers.compile(MatcherType.URLPATTERN, "https://example.com/(a(?=b))", HUB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(?=");
    }

    @Test
    void anEmptyMatcherIsRefused() {
        assertThatThrownBy(() -> TopicMatchers.compile(MatcherType.EXACT, "", HUB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a topic matcher must not be empty");
    }

    @Test
    void matcherTypeNamesAreCaseSensitive() {
        assertThat(MatcherType.forName("exact")).isEqualTo(MatcherType.EXACT);
        assertThat(MatcherType.forName("urlpattern")).isEqualTo(MatcherType.URLPATTERN);
        assertThat(MatcherType.forName("Exact")).isNull();
        assertThat(MatcherType.forName("urlPattern")).isNull();
        assertThat(MatcherType.forName("uritemplate")).isNull();
    }

    @Test
    void theCacheKeepsOneMatcherPerTypeAndValue() {
        SelectorCache cache = new SelectorCache(10);

        TopicSelector first = cache.get(MatcherType.EXACT, "urn:a", HUB);

        assertThat(cache.get(MatcherType.EXACT, "urn:a", "https://other.example/.well-known/mercure")).isSameAs(first);
        assertThat(cache.get("urn:a")).isNotSameAs(first).matches(s -> s.matches("urn:a"));
        assertThat(cache.size()).isEqualTo(2);
    }
}
