package dev.herald.server.presence;

import static dev.herald.server.presence.PresenceHub.NS;
import static dev.herald.server.presence.PresenceHub.accessTokenForAll;
import static dev.herald.server.presence.PresenceHub.enc;
import static dev.herald.server.presence.PresenceHub.get;
import static dev.herald.server.presence.PresenceHub.open;
import static dev.herald.server.presence.PresenceHub.q;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.presence.SubscriptionScope;
import dev.herald.server.presence.PresenceHub.Response;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.Poll;
import dev.herald.testkit.StreamClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile or malformed requests to the subscriptions API: a 4xx naming the problem, never a 500. */
class SubscriptionsApiInputIT {
    private static final String TOPIC = "https://example.com/é/:x";
    /** No character of it is encoded as such: its encoded form is all escapes or unreserved. */
    private static final String CAFE = "café";
    private static final String READER = accessTokenForAll();

    private static RunningHub hub;
    private static StreamClient client;
    private static StreamClient cafe;

    @BeforeAll
    static void startHub() throws Exception {
        hub = PresenceHub.start();
        client = open(hub, q("match", TOPIC), null);
        cafe = open(hub, q("match", CAFE), null);
        Poll.until("the subscriptions",
                () -> hub.server().subscriptions().orElseThrow().count(SubscriptionScope.ALL) == 2);
    }

    @AfterAll
    static void stopHub() throws Exception {
        client.close();
        cafe.close();
        hub.close();
    }

    @AfterEach
    void hubStillServes() throws Exception {
        assertThat(get(hub, NS + "/exact/" + enc(TOPIC), READER).json().get("total").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/%zz", "/%", "/%4", "/a%", "/%G1", "/exact/%2/x", "/exact/m/%x0"})
    void brokenPercentEncodingIs400(String rest) throws Exception {
        Response r = get(hub, NS + rest, READER);

        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.body()).contains("Invalid percent-encoding");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/%FF", "/%C3", "/%C3%28", "/%ED%A0%80", "/%C0%AF", "/exact/%E2%82/x", "/exact/m/%F0%9F%98"})
    void invalidUtf8Is400(String rest) throws Exception {
        Response r = get(hub, NS + rest, READER);

        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.body()).contains("Invalid UTF-8");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "//", "//x", "/exact//x", "/exact/m/", "/exact//"})
    void anEmptySegmentIs400(String rest) throws Exception {
        Response r = get(hub, NS + rest, READER);

        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.body()).contains("Empty segment");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/a/b/c/d", "/exact/m/s/t", "/exact/m/s/t/u/v", "/nosuchtype/m/s"})
    void aPathNoResourceCanHaveIs404(String rest) throws Exception {
        Response r = get(hub, NS + rest, READER);

        assertThat(r.status()).as("%s", r).isEqualTo(404);
        assertThat(r.body()).contains("subscriptions paths are");
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(strings = {"10001", "-1", "abc", "1e3", "", "99999999999", "2147483648"})
    void anInvalidLimitIs400(String limit) throws Exception {
        Response r = get(hub, NS + "?limit=" + limit, READER);

        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.body()).contains("Invalid \"limit\" parameter");
    }

    @Test
    void theLargestLimitIsAccepted() throws Exception {
        assertThat(get(hub, NS + "?limit=10000", READER).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"limit=1&limit=1", "after=a&after=b", "limit=5&after=a&limit=6"})
    void aRepeatedParameterIs400(String query) throws Exception {
        Response r = get(hub, NS + "?" + query, READER);

        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.body()).contains("More than one");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"?after=%zz", "?limit=%FF"})
    void aMalformedQueryIs400(String query) throws Exception {
        assertThat(get(hub, NS + query, READER).status()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"?after=", "?after=%00", "?after=zzzz", "?after=" + "%2F.well-known%2Fmercure%2Fsubscriptions%2F",
            "/%00", "/%0A", "/..", "/.", "/%2E%2E/x", "/exact/..", "/exact/%2F%2F/%2F", "/*", "/%2A/%2A",
            "/exact/" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "/uritemplate/%7Bx%7D", "?limit=0&after=x", "/exact/m?limit=10000&after=%E2%82%AC", ";x", "/exact/m;x"})
    void oddButWellFormedRequestsAreAnsweredWithoutAnError(String rest) throws Exception {
        Response r = get(hub, NS + rest, READER);

        assertThat(r.status()).as("%s", r).isIn(200, 404);
    }

    @Test
    void rawUtf8InThePathReadsLikeItsPercentEncodedForm() throws Exception {
        // a lenient client sends the bytes of 'é' unencoded; the hub must read them as UTF-8 either way
        Response raw = get(hub, NS + "/exact/" + enc(TOPIC).replace("%C3%A9", "é"), READER);
        Response onlyRaw = get(hub, NS + "/exact/" + CAFE, READER); // no escape at all in the segment

        for (Response r : new Response[] {raw, onlyRaw}) {
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            assertThat(r.json().get("total").asInt()).as("%s", r).isEqualTo(1);
        }
        assertThat(raw.json().get("id").asText()).isEqualTo(NS + "/exact/" + enc(TOPIC));
        assertThat(onlyRaw.json().get("id").asText()).isEqualTo(NS + "/exact/" + enc(CAFE));
    }

    @Test
    void rawBytesThatAreNotUtf8Are400() throws Exception {
        // byte 0xFF sent as it is, alone in its segment or next to an escape
        for (String segment : new String[] {"\u00ff", "a\u00ff%41"}) {
            Response r = PresenceHub.requestLatin1(hub, NS + "/exact/" + segment, READER);

            assertThat(r.status()).as("%s", r).isEqualTo(400);
            assertThat(r.body()).contains("Invalid UTF-8");
        }
    }

    @Test
    void aForgedSubscriberIdIsNotFound() throws Exception {
        for (String forged : new String[] {"urn:uuid:00000000-0000-4000-8000-000000000000", "*", "%2A", "..",
                "urn:uuid:" + "f".repeat(200)}) {
            Response r = get(hub, NS + "/exact/" + enc(TOPIC) + "/" + enc(forged), READER);

            assertThat(r.status()).as(forged).isEqualTo(404);
            assertThat(r.body()).contains("No active subscription");
        }
    }
}
