package dev.herald.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.RandomCases;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever a matcher or subscriber holds, each variable is one segment that decodes back to it. */
class SubscriptionTopicsPropertyTest {
    private static final List<String> EDGES = List.of("", ".", "..", "...", "%", "%%", "%2F", "%2e", "/", "a/b",
            "é", "€", " ", "+", "~", "{id}", "\uD83D\uDE00");

    /** Any text a request can carry: URL syntax, '%' escapes, non-ASCII; well-formed UTF-16 only. */
    static Stream<String> values() {
        return RandomCases.seeded("SubscriptionTopics.values").cases(500, EDGES, SubscriptionTopicsPropertyTest::value);
    }

    static Stream<Arguments> pairs() {
        RandomCases random = RandomCases.seeded("SubscriptionTopics.pairs");
        return random.cases(500, List.of(Arguments.of(".", ".."), Arguments.of("%2F", "/"), Arguments.of("", "")),
                r -> Arguments.of(value(r), r.chance(0.1) ? "a" : value(r)));
    }

    private static String value(RandomCases r) {
        return r.anyOf(
                () -> r.from("aZ09-._~%/:?#[]@!$&'()*+,;={} é€", 0, 30),
                () -> r.from("%0123456789ABCDEFabcdef/", 0, 20),
                () -> r.scalarValues(20));
    }

    @ParameterizedTest
    @MethodSource("values")
    void anEncodedVariableIsOneSegmentOfUnreservedCharactersAndEscapes(String value) {
        String encoded = SubscriptionTopics.encode(value);

        assertThat(encoded).doesNotContain("/").matches("([A-Za-z0-9._~-]|%[0-9A-F]{2})*");
        assertThat(encoded).isNotIn(".", ".."); // a dot segment would vanish when a URL pattern resolves the topic
    }

    @ParameterizedTest
    @MethodSource("values")
    void decodingAnEncodedVariableOnceGivesTheValueBack(String value) {
        // exactly once: one decoding restores the raw value, so nothing was left unencoded or encoded twice
        assertThat(decode(SubscriptionTopics.encode(value))).isEqualTo(value);
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void aTopicSplitsIntoItsThreeVariables(String match, String subscriber) {
        String topic = SubscriptionTopics.of("urlpattern", match, subscriber);

        assertThat(topic).startsWith(SubscriptionTopics.COLLECTION + "/");
        String[] segments = topic.substring(SubscriptionTopics.COLLECTION.length() + 1).split("/", -1);
        assertThat(segments).hasSize(3);
        assertThat(decode(segments[0])).isEqualTo("urlpattern");
        assertThat(decode(segments[1])).isEqualTo(match);
        assertThat(decode(segments[2])).isEqualTo(subscriber);
        String[] legacy = SubscriptionTopics.legacyOf(match, subscriber)
                .substring(SubscriptionTopics.COLLECTION.length() + 1).split("/", -1);
        assertThat(legacy).hasSize(2);
        assertThat(decode(legacy[0])).isEqualTo(match);
        assertThat(decode(legacy[1])).isEqualTo(subscriber);
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void distinctValuesGetDistinctEncodings(String a, String b) {
        assertThat(SubscriptionTopics.encode(a).equals(SubscriptionTopics.encode(b))).isEqualTo(a.equals(b));
    }

    /** Strict RFC 3986 percent-decoding ('+' is a plus sign), written here independently of the hub's. */
    private static String decode(String segment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
