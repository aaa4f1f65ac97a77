package dev.herald.server.presence;

import static dev.herald.server.presence.PresenceHub.NS;
import static dev.herald.server.presence.PresenceHub.accessToken;
import static dev.herald.server.presence.PresenceHub.accessTokenForAll;
import static dev.herald.server.presence.PresenceHub.enc;
import static dev.herald.server.presence.PresenceHub.get;
import static dev.herald.server.presence.PresenceHub.legacyToken;
import static dev.herald.server.presence.PresenceHub.matcher;
import static dev.herald.server.presence.PresenceHub.open;
import static dev.herald.server.presence.PresenceHub.q;
import static dev.herald.server.presence.PresenceHub.subscribe;
import static dev.herald.server.presence.PresenceHub.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.presence.SubscriptionScope;
import dev.herald.server.presence.PresenceHub.Response;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.Poll;
import dev.herald.testkit.StreamClient;
import dev.herald.testkit.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may read the subscriptions API: a token whose subscribe grant covers the canonical path. */
class SubscriptionsApiAuthIT {
    private static final String BOOK = uniqueTopic("books");
    private static final String MATCHER_PATH = NS + "/exact/" + enc(BOOK);

    private static RunningHub hub;
    private static StreamClient client;
    private static String subscriber;

    @BeforeAll
    static void startHub() throws Exception {
        hub = PresenceHub.start();
        client = open(hub, q("match", BOOK), null);
        Poll.until("the subscription", () -> hub.server().subscriptions().orElseThrow()
                .count(SubscriptionScope.ALL) == 1);
        subscriber = hub.server().subscriptions().orElseThrow().page(SubscriptionScope.ALL, null, 1)
                .subscriptions().get(0).subscriber();
    }

    @AfterAll
    static void stopHub() throws Exception {
        client.close();
        hub.close();
    }

    private static List<String> everyShape() {
        return List.of(NS, MATCHER_PATH, MATCHER_PATH + "/" + enc(subscriber), NS + "/" + enc(BOOK),
                NS + "/" + enc(BOOK) + "/" + enc(subscriber));
    }

    @Test
    void withoutATokenEvenAnAnonymousHubAnswers401() throws Exception {
        // this hub lets anonymous clients subscribe (as the stream above did), but not list subscribers
        for (String path : everyShape()) {
            Response r = get(hub, path, null);

            assertThat(r.status()).as("%s: %s", path, r.body()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer ").doesNotContain("error=");
            assertThat(r.body()).contains("requires a JWT");
        }
    }

    @Test
    void anInvalidTokenIs401() throws Exception {
        String forged = TestTokens.hs256(TestTokens.secret(), TestTokens.subscriber("*"));

        Response r = get(hub, NS, forged);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void aHubWithoutSubscriberKeysClosesTheApi() throws Exception {
        try (RunningHub dev = RunningHub.start(RunningHub.defaults().withSubscriptions(true))) {
            assertThat(get(dev, NS, null).status()).isEqualTo(401);
            Response withToken = get(dev, NS, legacyToken(null, "*"));
            assertThat(withToken.status()).isEqualTo(401);
            assertThat(withToken.body()).contains("no subscriber JWT key");
        }
    }

    @Test
    void aTokenWithoutAGrantOnThePathIs403() throws Exception {
        for (String token : List.of(accessToken(subscribe(null, List.of(matcher(null, BOOK)))), legacyToken(null, BOOK))) {
            for (String path : everyShape()) {
                Response r = get(hub, path, token);

                assertThat(r.status()).as("%s: %s", path, r.body()).isEqualTo(403);
                assertThat(r.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
            }
        }
    }

    @Test
    void anExactGrantOpensExactlyThatPath() throws Exception {
        String token = accessToken(subscribe(null, List.of(matcher("exact", MATCHER_PATH))));

        assertThat(get(hub, MATCHER_PATH, token).status()).isEqualTo(200);
        // the grant applies to the canonical form, however the request spells it
        assertThat(get(hub, MATCHER_PATH.replace("%3A", "%3a"), token).status()).isEqualTo(200);
        for (String other : List.of(NS, MATCHER_PATH + "/" + enc(subscriber), NS + "/" + enc(BOOK),
                NS + "/urlpattern/" + enc(BOOK), NS + "/exact/" + enc(BOOK + "x"))) {
            assertThat(get(hub, other, token).status()).as(other).isEqualTo(403);
        }
    }

    @Test
    void aUrlPatternGrantOpensWhatItMatches() throws Exception {
        String token = accessToken(subscribe(null, List.of(matcher("urlpattern", NS + "/exact/:match/:subscriber"))));

        assertThat(get(hub, MATCHER_PATH + "/" + enc(subscriber), token).status()).isEqualTo(200);
        assertThat(get(hub, MATCHER_PATH, token).status()).isEqualTo(403);
        assertThat(get(hub, NS, token).status()).isEqualTo(403);
    }

    @Test
    void a0xTemplateGrantOpensWhatItMatches() throws Exception {
        String token = legacyToken(null, NS + "/{topic}");

        Response r = get(hub, NS + "/" + enc(BOOK), token);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("total").asInt()).isEqualTo(1);
        assertThat(get(hub, NS, token).status()).isEqualTo(403);
        assertThat(get(hub, NS + "/" + enc(BOOK) + "/" + enc(subscriber), token).status()).isEqualTo(403);
    }

    @Test
    void tokensInTheQueryAreRefusedUnlessAllowed() throws Exception {
        Response r = get(hub, NS + "?" + q("authorization", accessTokenForAll()), null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("authorization=");
    }

    @Test
    void otherMethodsAre405() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            Response r = PresenceHub.request(hub, method, MATCHER_PATH, Map.of("Authorization",
                    "Bearer " + accessTokenForAll(), "Content-Length", "0"));

            assertThat(r.status()).as(method).isEqualTo(405);
            assertThat(r.header("Allow")).isEqualTo("GET");
        }
        assertThat(hub.server().subscriptions().orElseThrow().count(SubscriptionScope.ALL))
                .as("nothing was removed").isEqualTo(1);
    }
}
