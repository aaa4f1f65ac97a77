package dev.herald.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a matcher or subscriber holds, each variable is one segment that decodes back to it. */
class SubscriptionTopicsPropertyTest {

    /** Any text a request can carry: URL syntax, '%' escapes, non-ASCII; well-formed UTF-16 only. */
    @Provide
    Arbitrary<String> value() {
        Arbitrary<String> urlish = Arbitraries.strings().withChars("aZ09-._~%/:?#[]@!$&'()*+,;={} é€")
                .ofMinLength(0).ofMaxLength(30);
        Arbitrary<String> escapes = Arbitraries.strings().withChars("%0123456789ABCDEFabcdef/")
                .ofMinLength(0).ofMaxLength(20);
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(20)
                .filter(s -> new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s));
        return Arbitraries.oneOf(urlish, escapes, anyText);
    }

    @Property
    void anEncodedVariableIsOneSegmentOfUnreservedCharactersAndEscapes(@ForAll("value") String value) {
        String encoded = SubscriptionTopics.encode(value);

        assertThat(encoded).doesNotContain("/").matches("([A-Za-z0-9._~-]|%[0-9A-F]{2})*");
        assertThat(encoded).isNotIn(".", ".."); // a dot segment would vanish when a URL pattern resolves the topic
    }

    @Property
    void decodingAnEncodedVariableOnceGivesTheValueBack(@ForAll("value") String value) {
        // exactly once: one decoding restores the raw value, so nothing was left unencoded or encoded twice
        assertThat(decode(SubscriptionTopics.encode(value))).isEqualTo(value);
    }

    @Property
    void aTopicSplitsIntoItsThreeVariables(@ForAll("value") String match, @ForAll("value") String subscriber) {
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

    @Property
    void distinctValuesGetDistinctEncodings(@ForAll("value") String a, @ForAll("value") String b) {
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
