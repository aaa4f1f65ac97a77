package dev.herald.topic.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class UrlPatternPropertyTest {

    private static final String HUB = "https://example.com/.well-known/mercure";

    /** Fixed path segments: no pattern syntax, URL separators, '%' or dot segments. */
    @Provide
    Arbitrary<String> segment() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-_~").ofMinLength(1).ofMaxLength(10);
    }

    /** One topic path segment: text without '/', '?', '#', '\' or '%', not a dot segment, not ending in a space. */
    @Provide
    Arbitrary<String> id() {
        return Arbitraries.strings().withChars("abcXYZ019-._~!$&'()*+,;=:@ é")
                .ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.equals(".") && !s.equals("..") && !s.endsWith(" ")); // trailing spaces are trimmed
    }

    @Property
    void matchesExactlyOneMoreNonEmptySegment(@ForAll @Size(min = 0, max = 4) List<@From("segment") String> fixed,
            @ForAll("id") String id, @ForAll("segment") String extra) {
        String prefix = "https://example.com" + (fixed.isEmpty() ? "" : "/" + String.join("/", fixed));
        UrlPattern pattern = UrlPattern.compile(prefix + "/:id", HUB);

        assertThat(pattern.matches(prefix + "/" + id)).isTrue();
        String canonicalPath = WhatwgUrl.parse(prefix + "/" + id, null).path();
        assertThat(pattern.exec(prefix + "/" + id).orElseThrow().pathname().groups().get("id"))
                .isEqualTo(canonicalPath.substring(canonicalPath.lastIndexOf('/') + 1));
        assertThat(pattern.matches(prefix + "/" + id + "/" + extra)).isFalse();
        assertThat(pattern.matches(prefix + "/")).isFalse();
        assertThat(pattern.matches(prefix)).isFalse();
        assertThat(pattern.matches(prefix + "/" + extra + "/" + id)).isFalse();
        if (!fixed.isEmpty()) {
            String shorter = "https://example.com/" + String.join("/", fixed.subList(0, fixed.size() - 1));
            assertThat(pattern.matches(shorter + (fixed.size() > 1 ? "/" : "") + id)).isFalse();
        }
    }

    @Property
    void relativeTopicsResolveAgainstTheHub(@ForAll("segment") String id) {
        UrlPattern pattern = UrlPattern.compile("https://example.com/books/:id", HUB);

        assertThat(pattern.matches("/books/" + id)).isTrue();
        assertThat(pattern.matches("../books/" + id)).isTrue();
        assertThat(pattern.matches("books/" + id)).isFalse();
    }

    @Property
    void topicsThatAreNotUrlsNeverMatch(@ForAll("segment") String left, @ForAll("segment") String right,
            @ForAll("forbiddenHostChar") char forbidden) {
        String topic = "https://" + left + forbidden + right + "/books/1";
        UrlPattern pattern = UrlPattern.compile("*://*:*/*", HUB);

        assertThat(WhatwgUrl.tryParse(topic, WhatwgUrl.parse(HUB, null))).isEmpty();
        assertThat(pattern.matches(topic)).isFalse();
        assertThat(pattern.exec(topic)).isEmpty();
    }

    /** Whatever a subscriber sends, compiling either succeeds or names the problem. */
    @Property(tries = 2000)
    void compilingAnyPatternSucceedsOrThrowsIllegalArgument(@ForAll("patternish") String pattern) {
        try {
            UrlPattern.compile(pattern, HUB).matches("https://example.com/books/1");
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** Whatever a publisher sends as a topic, matching answers and never throws. */
    @Property(tries = 2000)
    void matchingAnyTopicNeverThrows(@ForAll("patternish") String topic) {
        UrlPattern pattern = UrlPattern.compile("https://*.example.com/:a/(\\d+)?/*", HUB);
        pattern.matches(topic);
        pattern.exec(topic);
    }

    /** Strings dense in URL and pattern syntax, with some non-ASCII and control characters. */
    @Provide
    Arbitrary<String> patternish() {
        return Arbitraries.strings()
                .withChars("https:/?#[]@!$&'()*+,;=%{}\\|^`<>.:-_~ \t\n0123456789abcxyzXN")
                .withChars('\u00e9', '\u00df', '\u2028', '\uD83D', '\uDE00', '\u0000', '\u3002', '\uFF0E')
                .ofMaxLength(40)
                .map(s -> s.startsWith("h") ? "https://" + s : s);
    }

    @Provide
    Arbitrary<Character> forbiddenHostChar() {
        return Arbitraries.of(' ', '<', '>', '^', '|', '\u0000');
    }
}
