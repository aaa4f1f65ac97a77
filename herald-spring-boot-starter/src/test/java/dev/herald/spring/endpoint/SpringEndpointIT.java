package dev.herald.spring.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.Update;
import dev.herald.hub.Hub;
import dev.herald.spring.HeraldPublisher;
import dev.herald.testkit.HubClient;
import dev.herald.testkit.Poll;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import dev.herald.testkit.TestTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The starter's endpoint on the application's own port, in a real Tomcat behind Spring Security:
 * a signed-in user receives the private updates of their own topic without a token, and nobody
 * else's; JWTs still work; someone neither signed in nor holding a token is refused by name.
 */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "herald.auth.signed-in-topics=https://inbox.example/users/{user}",
            "herald.auth.subscriber-jwt-key=" + SpringEndpointIT.KEY,
            "herald.auth.publisher-jwt-key=" + SpringEndpointIT.KEY,
            "herald.heartbeat=1s"
        })
class SpringEndpointIT {
    static final String KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String ALICE = "https://inbox.example/users/alice";
    private static final String BOB = "https://inbox.example/users/bob";

    @LocalServerPort
    int port;

    @Autowired
    HeraldPublisher herald;

    @Autowired
    Hub hub;

    private final List<StreamClient> clients = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (StreamClient c : clients) {
            c.close();
        }
    }

    @Test
    void aSignedInUserReceivesTheirOwnPrivateUpdatesAndNobodyElses() throws Exception {
        StreamClient alice = open(List.of(ALICE, BOB), basic("alice", "alice"));
        StreamClient bob = open(List.of(ALICE, BOB), basic("bob", "bob"));
        awaitHeads(alice, bob);

        publish(ALICE, "for alice");
        publish(BOB, "for bob");

        assertThat(alice.awaitEvents(1, Poll.TIMEOUT)).extracting(SseEvent::data).containsExactly("for alice");
        assertThat(bob.awaitEvents(1, Poll.TIMEOUT)).extracting(SseEvent::data).containsExactly("for bob");
        // a public update after the private ones: once it is there, nothing private was held back
        publishPublic(ALICE, "public");
        assertThat(alice.awaitEvents(2, Poll.TIMEOUT)).extracting(SseEvent::data).containsExactly("for alice", "public");
        assertThat(bob.awaitEvents(2, Poll.TIMEOUT)).extracting(SseEvent::data).containsExactly("for bob", "public");
    }

    @Test
    void aUserNameIsFilledInAsOnePathSegment() throws Exception {
        String carolTopic = "https://inbox.example/users/carol%20dupont";
        StreamClient carol = open(List.of(carolTopic, "https://inbox.example/users/carol"), basic("carol dupont", "carol"));
        awaitHeads(carol);

        publish("https://inbox.example/users/carol", "not carol dupont's");
        publish(carolTopic, "carol dupont's");

        assertThat(carol.awaitEvents(1, Poll.TIMEOUT)).extracting(SseEvent::data).containsExactly("carol dupont's");
    }

    @Test
    void aTokenStillDecidesWhenOneIsPresented() throws Exception {
        String token = TestTokens.hs256(KEY, TestTokens.subscriber(BOB));
        StreamClient withToken = open(List.of(ALICE, BOB), Map.of("Authorization", "Bearer " + token));
        awaitHeads(withToken);

        publish(ALICE, "for alice");
        publish(BOB, "for bob");

        assertThat(withToken.awaitEvents(1, Poll.TIMEOUT)).extracting(SseEvent::data).containsExactly("for bob");
    }

    @Test
    void neitherSignedInNorHoldingATokenIsRefusedByName() throws Exception {
        HttpResponse<String> refused = new HubClient(port).get(StreamClient.path(List.of(ALICE), Map.of()));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("Subscribing requires a JWT");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void wrongBasicCredentialsAreRefusedBySpringSecurity() throws Exception {
        StreamClient intruder = StreamClient.open(port, StreamClient.path(List.of(ALICE), Map.of()), basic("alice", "bob"));
        clients.add(intruder);

        assertThat(intruder.awaitStatus()).isEqualTo(401);
    }

    @Test
    void publishingOverHttpTakesAPublisherToken() throws Exception {
        StreamClient alice = open(List.of(ALICE), basic("alice", "alice"));
        awaitHeads(alice);
        String token = TestTokens.hs256(KEY, TestTokens.publisher(ALICE));

        HttpResponse<String> published = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/.well-known/mercure"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("topic=" + URLEncoder.encode(ALICE, StandardCharsets.UTF_8)
                        + "&data=over+http&private=on"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(alice.awaitEvents(1, Poll.TIMEOUT)).extracting(SseEvent::data).containsExactly("over http");
    }

    private StreamClient open(List<String> topics, Map<String, String> headers) throws Exception {
        StreamClient c = StreamClient.open(port, StreamClient.path(topics, Map.of()), headers);
        clients.add(c);
        return c;
    }

    /** Every stream open, and the hub holding each subscription (an update published before would miss it). */
    private void awaitHeads(StreamClient... streams) throws InterruptedException {
        for (StreamClient s : streams) {
            assertThat(s.awaitStatus()).isEqualTo(200);
        }
        Poll.until(() -> hub.stats().subscribers() == clients.size(), Poll.TIMEOUT,
                () -> "subscribers: " + hub.stats().subscribers());
    }

    private void publish(String topic, String data) throws Exception {
        herald.publish(Update.builder().topic(topic).data(data).privateUpdate(true).build())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void publishPublic(String topic, String data) throws Exception {
        herald.publish(Update.builder().topic(topic).data(data).build()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
}
