package dev.herald.topic.urlpattern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.RandomCases;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UrlPatternPropertyTest {

    private static final String HUB = "https://example.com/.well-known/mercure";
    private static final String SEGMENT_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_~";
    /** Dense in URL and pattern syntax, with non-ASCII, controls, a lone surrogate pair's halves, and full stops of other scripts. */
    private static final String PATTERNISH_CHARS = "https:/?#[]@!$&'()*+,;=%{}\\|^`<>.:-_~ \t\n0123456789abcxyzXN"
            + "\u00e9\u00df\u2028\uD83D\uDE00\u0000\u3002\uFF0E";

    /** Fixed path segments: no pattern syntax, URL separators, '%' or dot segments. */
    private static String segment(RandomCases r) {
        return r.from(SEGMENT_CHARS, 1, 10);
    }

    /** One topic path segment: text without '/', '?', '#', '\' or '%', not a dot segment, not ending in a space. */
    private static String id(RandomCases r) {
        String id;
        do {
            id = r.from("abcXYZ019-._~!$&'()*+,;=:@ é", 1, 12);
        } while (id.equals(".") || id.equals("..") || id.endsWith(" ")); // trailing spaces are trimmed
        return id;
    }

    static Stream<Arguments> segmentsIdAndExtra() {
        return RandomCases.seeded("UrlPattern.segments").cases(500,
                List.of(Arguments.of(List.of(), "a", "b"), Arguments.of(List.of("x"), "...", "y"),
                        Arguments.of(List.of("a", "b", "c", "d"), "é é", "z")),
                r -> Arguments.of(r.listOf(4, () -> segment(r)), id(r), segment(r)));
    }

    @ParameterizedTest
    @MethodSource("segmentsIdAndExtra")
    void matchesExactlyOneMoreNonEmptySegment(List<String> fixed, String id, String extra) {
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

    static Stream<String> segments() {
        return RandomCases.seeded("UrlPattern.segment").cases(300, List.of("a", "~", "0"), UrlPatternPropertyTest::segment);
    }

    @ParameterizedTest
    @MethodSource("segments")
    void relativeTopicsResolveAgainstTheHub(String id) {
        UrlPattern pattern = UrlPattern.compile("https://example.com/books/:id", HUB);

        assertThat(pattern.matches("/books/" + id)).isTrue();
        assertThat(pattern.matches("../books/" + id)).isTrue();
        assertThat(pattern.matches("books/" + id)).isFalse();
    }

    static Stream<Arguments> hostsWithAForbiddenCharacter() {
        return RandomCases.seeded("UrlPattern.forbiddenHost").cases(300, List.of(),
                r -> Arguments.of(segment(r), segment(r), r.oneOf(' ', '<', '>', '^', '|', '\u0000')));
    }

    @ParameterizedTest
    @MethodSource("hostsWithAForbiddenCharacter")
    void topicsThatAreNotUrlsNeverMatch(String left, String right, char forbidden) {
        String topic = "https://" + left + forbidden + right + "/books/1";
        UrlPattern pattern = UrlPattern.compile("*://*:*/*", HUB);

        assertThat(WhatwgUrl.tryParse(topic, WhatwgUrl.parse(HUB, null))).isEmpty();
        assertThat(pattern.matches(topic)).isFalse();
        assertThat(pattern.exec(topic)).isEmpty();
    }

    /** Strings dense in URL and pattern syntax; half of those starting with 'h' become https URLs. */
    static Stream<String> patternish() {
        return RandomCases.seeded("UrlPattern.patternish").cases(2000,
                List.of("", "(", ")", "{", ":", "*", "\\", "https://", "https://(", "https://*.example.com/:a/(\\d+)?/*"),
                r -> {
                    String s = r.fromChars(PATTERNISH_CHARS, 40);
                    return s.startsWith("h") ? "https://" + s : s;
                });
    }

    /** Whatever a subscriber sends, compiling either succeeds or names the problem. */
    @ParameterizedTest
    @MethodSource("patternish")
    void compilingAnyPatternSucceedsOrThrowsIllegalArgument(String pattern) {
        try {
            UrlPattern.compile(pattern, HUB).matches("https://example.com/books/1");
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** Whatever a publisher sends as a topic, matching answers and never throws. */
    @ParameterizedTest
    @MethodSource("patternish")
    void matchingAnyTopicNeverThrows(String topic) {
        UrlPattern pattern = UrlPattern.compile("https://*.example.com/:a/(\\d+)?/*", HUB);
        pattern.matches(topic);
        pattern.exec(topic);
    }
}
