package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mercure 1.0 subscribing: {@code match} / {@code match_exact}, the reserved {@code match}
 * namespace, the value rules, {@code QUERY} with a form body, and {@code last_event_id} with the
 * {@code Mercure-Last-Event-ID} answer. Updates that must not arrive are published first: a stream
 * gets updates in publish order, so one delivered by mistake would come before the expected ones.
 */
class MatchParametersIT extends BadInputFixture {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String BOOK = "https://example.com/books/1";

    private RunningHub liveHub;

    @BeforeEach
    void startLiveHub() throws InterruptedException {
        liveHub = RunningHub.start();
    }

    @AfterEach
    void stopLiveHub() {
        liveHub.close();
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private StreamClient open(String query) throws Exception {
        return LiveStreams.open(liveHub.port(), HUB + "?" + query, Map.of());
    }

    @Test
    void matchSelectsExactlyItsTopicWithoutTemplateExpansion() throws Exception {
        try (StreamClient stream = open("match=" + q("https://example.com/books/{id}"))) {
            liveHub.client().publish(BOOK, "a template is literal text for an exact matcher");
            String id = liveHub.client().publish("https://example.com/books/{id}", "literal");

            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(id, "literal"));
        }
    }

    @Test
    void matchExactIsTheExplicitSpellingOfMatch() throws Exception {
        try (StreamClient stream = open("match_exact=" + q(BOOK))) {
            liveHub.client().publish("https://example.com/books/10", "other");
            String id = liveHub.client().publish(BOOK, "mine");

            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(id, "mine"));
        }
    }

    @Test
    void theWildcardMatchesEveryTopic() throws Exception {
        try (StreamClient stream = open("match=*")) {
            String a = liveHub.client().publish("plain", "1");
            String b = liveHub.client().publish(BOOK, "2");

            assertThat(stream.awaitEvents(2, TIMEOUT)).containsExactly(SseEvent.message(a, "1"), SseEvent.message(b, "2"));
        }
    }

    @Test
    void oneRequestMayMixMatchersAnd0xTopics() throws Exception {
        try (StreamClient stream = open("match=a&topic=" + q("https://example.com/books/{id}"))) {
            liveHub.client().publish("c", "neither");
            String a = liveHub.client().publish("a", "by match");
            String b = liveHub.client().publish(BOOK, "by template");

            assertThat(stream.awaitEvents(2, TIMEOUT)).containsExactly(
                    SseEvent.message(a, "by match"), SseEvent.message(b, "by template"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"matchFoo", "Match", "MATCH", "match_Exact", "match_uritemplate", "match_", "matches",
            "match_exact_"})
    void everyOtherNameInTheMatchNamespaceIsRejected(String name) throws Exception {
        assertRejected(hub.client().get(HUB + "?match=a&" + name + "=b"), 400,
                "Unknown matcher parameter \"" + name + "\"");
    }

    @Test
    void parametersOutsideTheMatchNamespaceAreIgnored() throws Exception {
        try (StreamClient stream = open("match=a&foo=bar&amatch=x")) {
            String id = liveHub.client().publish("a", "delivered");

            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(id, "delivered"));
        }
    }

    @ParameterizedTest(name = "match={0}")
    @ValueSource(strings = {"a%00b", "a%1Fb", "a%7Fb", "a%C2%85b", "a%C2%9Fb", "a%E2%80%8Bb", "a%E2%80%AEb",
            "%EF%BB%BFa"})
    void matcherValuesWithControlOrFormatCharactersAreRejected(String value) throws Exception {
        assertRejected(rawGet(HUB + "?match=" + value), 400, "Invalid \"match\" parameter: control or format character U+");
    }

    @Test
    void aLegacyTopicWithAControlCharacterIsRejectedToo() throws Exception {
        assertRejected(rawGet(HUB + "?topic=a%0Ab"), 400, "Invalid \"topic\" parameter: control or format character U+000A at index 1");
    }

    @Test
    void matcherValuesThatAreNotUtf8AreRejected() throws Exception {
        assertRejected(rawGet(HUB + "?match_urlpattern=%FF"), 400, "Invalid UTF-8 in \"match_urlpattern\" parameter");
    }

    @Test
    void anEmptyMatcherIsRejected() throws Exception {
        assertRejected(hub.client().get(HUB + "?match"), 400, "Invalid \"match\" parameter: a topic matcher must not be empty");
    }

    @Test
    void matchersPastTheLengthLimitAreRejected() throws Exception {
        try (RunningHub small = RunningHub.start(RunningHub.defaults().withMaxMatcherLength(10));
                StreamClient atTheLimit = LiveStreams.open(small.port(), HUB + "?match=" + "x".repeat(10), Map.of())) {
            assertRejected(small.client().get(HUB + "?match=" + "x".repeat(11)), 400,
                    "\"match\" parameter too long: 11 characters (limit 10)");
        }
    }

    @Test
    void aQueryRequestCarriesItsMatchersInTheBodyTogetherWithThoseOfTheUrl() throws Exception {
        try (StreamClient stream = StreamClient.openWithBody(liveHub.port(), "QUERY", HUB + "?match=a",
                "match=" + q(BOOK) + "&topic=c")) {
            assertThat(stream.awaitStatus()).isEqualTo(200);
            Poll.until("the opening comment", () -> stream.comments() >= 1);
            liveHub.client().publish("d", "neither");
            String a = liveHub.client().publish("a", "from the url");
            String b = liveHub.client().publish(BOOK, "from the body");
            String c = liveHub.client().publish("c", "0.x topic in the body");

            assertThat(stream.awaitEvents(3, TIMEOUT)).containsExactly(SseEvent.message(a, "from the url"),
                    SseEvent.message(b, "from the body"), SseEvent.message(c, "0.x topic in the body"));
        }
    }

    @Test
    void aQueryBodyMustBeAForm() throws Exception {
        var response = RawHttp.exchange(hub.port(), RawHttp.request("QUERY",
                HUB, Map.of("Content-Type", "application/json"), "{\"match\":\"a\"}".getBytes(StandardCharsets.UTF_8)));

        assertRejected(response, 415, "Content-Type must be application/x-www-form-urlencoded");
    }

    @Test
    void lastEventIdResumesAfterThatUpdateAndTheAnswerNamesIt() throws Exception {
        String first = liveHub.client().publish("r", "1");
        String second = liveHub.client().publish("r", "2");

        try (StreamClient stream = open("match=r&last_event_id=" + q(first))) {
            assertThat(stream.header("Mercure-Last-Event-ID")).isEqualTo(first);
            assertThat(stream.header("Last-Event-ID")).isEqualTo(first);
            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(second, "2"));
        }
    }

    @Test
    void anUnknownLastEventIdReplaysWhatIsRetainedAndAnswersEarliest() throws Exception {
        String only = liveHub.client().publish("r", "1");

        try (StreamClient stream = open("match=r&last_event_id=unknown")) {
            assertThat(stream.header("Mercure-Last-Event-ID")).isEqualTo("earliest");
            List<SseEvent> events = stream.awaitEvents(2, TIMEOUT);
            assertThat(events.get(0).type()).as("the resume notice (see InexactResumeIT)").isEqualTo("mercure");
            assertThat(events.get(1)).isEqualTo(SseEvent.message(only, "1"));
        }
    }

    @Test
    void theLastEventIdHeaderWinsOverTheParameterAndTheQueryOverTheBody() throws Exception {
        String first = liveHub.client().publish("r", "1");
        String second = liveHub.client().publish("r", "2");
        String third = liveHub.client().publish("r", "3");

        try (StreamClient byHeader = LiveStreams.open(liveHub.port(), HUB + "?match=r&last_event_id=" + q(first),
                Map.of("Last-Event-ID", second));
                StreamClient byQuery = StreamClient.openWithBody(liveHub.port(), "QUERY",
                        HUB + "?last_event_id=" + q(second), "match=r&last_event_id=" + q(first))) {
            assertThat(byHeader.header("Mercure-Last-Event-ID")).isEqualTo(second);
            assertThat(byHeader.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(third, "3"));
            assertThat(byQuery.awaitStatus()).isEqualTo(200);
            assertThat(byQuery.header("Mercure-Last-Event-ID")).isEqualTo(second);
            assertThat(byQuery.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(third, "3"));
        }
    }

    @Test
    void the0xLastEventIdParameterStillResumes() throws Exception {
        String first = liveHub.client().publish("r", "1");
        String second = liveHub.client().publish("r", "2");

        try (StreamClient stream = open("topic=r&lastEventID=" + q(first))) {
            assertThat(stream.header("Last-Event-ID")).isEqualTo(first);
            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(second, "2"));
        }
    }

    @Test
    void aReusedIdResumesAfterItsEarliestOccurrenceAndReplaysTheLaterOne() throws Exception {
        publishWithId("dup", "1");
        String between = liveHub.client().publish("r", "2");
        publishWithId("dup", "3");

        try (StreamClient stream = open("match=r&last_event_id=dup")) {
            assertThat(stream.header("Mercure-Last-Event-ID")).isEqualTo("dup");
            assertThat(stream.awaitEvents(2, TIMEOUT)).containsExactly(
                    SseEvent.message(between, "2"), SseEvent.message("dup", "3"));
        }
    }

    private void publishWithId(String id, String data) throws Exception {
        var response = liveHub.client().publish(List.of(Map.entry("topic", "r"), Map.entry("id", id),
                Map.entry("data", data)));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void matchUrlPatternSelectsTheTopicsOfThePattern() throws Exception {
        try (StreamClient stream = open("match_urlpattern=" + q("https://example.com/books/:id"))) {
            liveHub.client().publish("https://example.com/books/1/reviews", "deeper");
            liveHub.client().publish("https://example.com/authors/1", "other collection");
            liveHub.client().publish("urn:isbn:0451450523", "not a url of the pattern");
            String a = liveHub.client().publish(BOOK, "book 1");
            String b = liveHub.client().publish("https://EXAMPLE.com/books/2", "host case does not matter");

            assertThat(stream.awaitEvents(2, TIMEOUT)).containsExactly(
                    SseEvent.message(a, "book 1"), SseEvent.message(b, "host case does not matter"));
        }
    }

    @Test
    void aRelativePatternAndRelativeTopicsResolveAgainstTheHubUrl() throws Exception {
        // the test client sends Host: localhost, so the hub URL is http://localhost/.well-known/mercure
        try (StreamClient stream = open("match_urlpattern=" + q("/books/:id"))) {
            liveHub.client().publish("https://example.com/books/1", "another host");
            String relative = liveHub.client().publish("/books/1", "relative topic");
            String absolute = liveHub.client().publish("http://localhost/books/2", "absolute on the hub's host");

            assertThat(stream.awaitEvents(2, TIMEOUT)).containsExactly(
                    SseEvent.message(relative, "relative topic"), SseEvent.message(absolute, "absolute on the hub's host"));
        }
    }

    @ParameterizedTest(name = "match_urlpattern={0}")
    @ValueSource(strings = {"https://example.com/(a(?=b))", "https://example.com/(\\1)", "https://example.com/:id(",
            "https://example.com/{"})
    void anInvalidUrlPatternIsRejectedNamingTheProblem(String pattern) throws Exception {
        assertRejected(hub.client().get(HUB + "?match_urlpattern=" + q(pattern)), 400, "Invalid \"match_urlpattern\" parameter: ");
    }

    @Test
    void aPathologicalPatternCannotStallTheHub() throws Exception {
        try (StreamClient stream = open("match_urlpattern=" + q("https://example.com/((?:a+)+)b"))) {
            String hostile = "https://example.com/" + "a".repeat(20_000) + "c";
            liveHub.client().publish(hostile, "never matches");
            String id = liveHub.client().publish("https://example.com/aab", "matches");

            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(id, "matches"));
        }
    }
}
