package dev.herald.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class TopicSelectorTest {

    private static boolean matches(String selector, String topic) {
        return TopicSelector.parse(selector).matches(topic);
    }

    @Test
    void exactSelectorMatchesOnlyTheSameTopic() {
        TopicSelector selector = TopicSelector.parse("https://example.com/books/1");

        assertThat(selector.isExact()).isTrue();
        assertThat(selector.source()).isEqualTo("https://example.com/books/1");
        assertThat(selector.matches("https://example.com/books/1")).isTrue();
        assertThat(selector.matches("https://example.com/books/2")).isFalse();
        assertThat(selector.matches("https://example.com/books/1/")).isFalse();
        assertThat(selector.matches(null)).isFalse();
    }

    @Test
    void loneClosingBraceIsAnExactTopic() {
        TopicSelector selector = TopicSelector.parse("urn:odd}topic");

        assertThat(selector.isExact()).isTrue();
        assertThat(selector.matches("urn:odd}topic")).isTrue();
    }

    @Test
    void wildcardMatchesAnyTopic() {
        TopicSelector selector = TopicSelector.parse("*");

        assertThat(selector.isExact()).isFalse();
        assertThat(selector.source()).isEqualTo("*");
        assertThat(selector.matches("https://example.com/books/1")).isTrue();
        assertThat(selector.matches("urn:anything")).isTrue();
        assertThat(selector.matches("")).isTrue();
    }

    @Test
    void templateIsNotExactAndKeepsItsSource() {
        TopicSelector selector = TopicSelector.parse("https://example.com/books/{id}");

        assertThat(selector.isExact()).isFalse();
        assertThat(selector.source()).isEqualTo("https://example.com/books/{id}");
        assertThat(selector.matches(null)).isFalse();
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            https://example.com/books/{id}    | https://example.com/books/1          | true
            https://example.com/books/{id}    | https://example.com/books/foo-bar    | true
            https://example.com/books/{id}    | https://example.com/books/caf%C3%A9  | true
            https://example.com/books/{id}    | https://example.com/books/a%2Fb      | true
            https://example.com/books/{id}    | https://example.com/books/           | true
            https://example.com/books/{id}    | https://example.com/books/1/reviews  | false
            https://example.com/books/{id}    | https://example.com/users/1          | false
            https://example.com/books/{id}    | https://example.com/books/a?b        | false
            https://example.com/books/{id}    | https://example.com/books/100%       | false
            https://example.com/books/{id}    | https://example.com/books/%zz        | false
            /books/{id}/reviews/{review}      | /books/1/reviews/9                   | true
            /books/{id}/reviews/{review}      | /books/1/2/reviews/9                 | false
            /pair/{x,y}                       | /pair/1,2                            | true
            /list/{items}                     | /list/a,b,c                          | true
            /list/{items*}                    | /list/a,b,c                          | true
            /list/{keys*}                     | /list/a=1,b=2                        | true
            /list/{keys}                      | /list/a=1                            | false
            """)
    void simpleExpressionsMatchOneSegmentOfUnreservedCharacters(String selector, String topic, boolean expected) {
        assertThat(matches(selector, topic)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            https://example.com/{+path}       | https://example.com/a/b/c            | true
            https://example.com/{+path}       | https://example.com/a/b?c=d#e        | true
            https://example.com/{+path}       | https://example.com/                 | true
            https://example.com/{+path}       | https://example.org/a                | false
            /doc{#section}                    | /doc                                 | true
            /doc{#section}                    | /doc#intro                           | true
            /doc{#section}                    | /doc#a/b,c                           | true
            /doc{#section}                    | /docintro                            | false
            """)
    void reservedAndFragmentExpressionsAllowReservedCharacters(String selector, String topic, boolean expected) {
        assertThat(matches(selector, topic)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /file{.ext}                       | /file.json                           | true
            /file{.ext}                       | /file                                | true
            /file{.ext}                       | /filejson                            | false
            /file{.parts*}                    | /file.tar.gz                         | true
            /api{/version}                    | /api/v1                              | true
            /api{/version}                    | /api                                 | true
            /api{/version}                    | /api/v1/extra                        | false
            /api{/a,b}                        | /api/v1/extra                        | true
            /api{/a,b}                        | /api/v1/extra/more                   | false
            /api{/path*}                      | /api/a/b/c                           | true
            /api{/path*}.json                 | /api/a/b.json                        | true
            /api{/path*}                      | /apia/b                              | false
            """)
    void labelAndPathExpressionsUseTheirSeparator(String selector, String topic, boolean expected) {
        assertThat(matches(selector, topic)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /map{;x,y}                        | /map;x=1;y=2                         | true
            /map{;x,y}                        | /map;x                               | true
            /map{;x,y}                        | /map;y=2                             | true
            /map{;x,y}                        | /map                                 | true
            /map{;x,y}                        | /map;z=1                             | false
            /map{;x,y}                        | /map;y=2;x=1                         | false
            /map{;list*}                      | /map;list=a;list=b                   | true
            /users/{id}{?fields}              | /users/7                             | true
            /users/{id}{?fields}              | /users/7?fields=a,b                  | true
            /users/{id}{?fields}              | /users/7?fields=                     | true
            /users/{id}{?fields}              | /users/7?                            | false
            /users/{id}{?fields}              | /users/7?other=a                     | false
            /search{?q,page}                  | /search?page=2                       | true
            /search{?q,page}                  | /search?q=x&page=2                   | true
            /search{?q,page}                  | /search?&page=2                      | false
            /search{?q,page}                  | /search?q=x?page=2                   | false
            /search{?params*}                 | /search?a=1&b=2&c=                   | true
            /search{?params*}                 | /search?a=1&&b=2                     | false
            /search?q=x{&page}                | /search?q=x&page=3                   | true
            /search?q=x{&page}                | /search?q=x                          | true
            /search?q=x{&page}                | /search?q=x&size=3                   | false
            /search{?q}{&page}                | /search?q=x&page=3                   | true
            """)
    void namedExpressionsWriteNameValuePairs(String selector, String topic, boolean expected) {
        assertThat(matches(selector, topic)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /books/{id:3}                     | /books/abc                           | true
            /books/{id:3}                     | /books/ab                            | true
            /books/{id:3}                     | /books/abcd                          | false
            /books/{id:3}                     | /books/%C3%A9t%C3%A9                 | true
            /books/{id:3}                     | /books/%C3%A9t%C3%A9s                | false
            /books/{+id:3}/x                  | /books/a/b/x                         | true
            /map{;x:2}                        | /map;x=ab                            | true
            /map{;x:2}                        | /map;x=abc                           | false
            /q{?x:1,y}                        | /q?x=a&y=bcd                         | true
            """)
    void prefixModifierLimitsValueLength(String selector, String topic, boolean expected) {
        assertThat(matches(selector, topic)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            https://example.com/a.b/{id}      | https://example.com/a.b/1            | true
            https://example.com/a.b/{id}      | https://example.com/aXb/1            | false
            /q?x=(a+b)*/{id}                  | /q?x=(a+b)*/1                        | true
            /q?x=(a+b)*/{id}                  | /qx=(aab)/1                          | false
            /\\E[x]/{id}                      | /\\E[x]/1                            | true
            /{x}41                            | /a41                                 | true
            /{x}41                            | /a%41                                | false
            """)
    void literalsAreMatchedLiterally(String selector, String topic, boolean expected) {
        assertThat(matches(selector, topic)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /books/{id                        | unbalanced '{'
            /books/id}/{x}                    | unbalanced '}'
            /books/{id}}                      | unbalanced '}'
            /books/{a{b}}                     | nested '{'
            /books/{}                         | empty expression
            /books/{!id}                      | unknown operator '!'
            /books/{=id}                      | unknown operator '='
            /books/{i-d}                      | invalid variable name 'i-d'
            /books/{a..b}                     | invalid variable name 'a..b'
            /books/{a b}                      | invalid variable name 'a b'
            /books/{id,}                      | missing variable name
            /books/{+}                        | missing variable name
            /books/{id:0}                     | bad prefix modifier ':0'
            /books/{id:10000}                 | bad prefix modifier ':10000'
            /books/{id:x}                     | bad prefix modifier ':x'
            /books/{id:3*}                    | combines a prefix and an explode modifier
            /100%/{id}                        | '%' not followed by two hex digits
            """)
    void malformedTemplatesAreRejectedNamingTheProblem(String selector, String problem) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TopicSelector.parse(selector))
                .withMessageContaining("\"" + selector + "\"")
                .withMessageContaining(problem);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void emptySelectorIsRejected(String selector) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TopicSelector.parse(selector))
                .withMessage("topic selector must not be empty");
    }

    @Test
    void percentEncodedVariableNamesAreValid() {
        assertThat(matches("/x/{caf%C3%A9.name}", "/x/1")).isTrue();
    }

    @Test
    void longTopicsMatchWithoutExhaustingTheStack() {
        String path = "/segment".repeat(20_000);
        assertThat(matches("https://example.com{+path}", "https://example.com" + path)).isTrue();
        assertThat(matches("https://example.com{/path*}", "https://example.com" + path)).isTrue();
        assertThat(matches("/x/{id}", "/x/" + "%41".repeat(20_000))).isTrue();

        String hostile = "/search?" + "a=1&".repeat(50_000) + "a=1";
        assertThatNoException().isThrownBy(() -> matches("/search{?params*}", hostile));
    }

    @Test
    void ambiguousTemplatesStillMatchButGiveUpQuicklyOnHostileTopics() {
        assertThat(matches("/{a}-{b}-{c}x", "/1-2-3x")).isTrue();
        assertThat(matches("/{a}-{b}", "/" + "a-".repeat(500) + "b")).isTrue();

        TopicSelector backtracker = TopicSelector.parse("/{a}{b}{c}{d}x");
        String topic = "/" + "a".repeat(5_000);
        assertTimeout(Duration.ofSeconds(5), () -> assertThat(backtracker.matches(topic)).isFalse());
    }
}
