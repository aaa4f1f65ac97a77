package dev.herald.transport.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.hub.Hub;
import dev.herald.hub.HubConfig;
import dev.herald.presence.SubscriptionTopics;
import dev.herald.server.ServerConfig;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.VerifierConfig;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import dev.herald.testkit.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hubs over HTTP with {@code --subscriptions}, sharing one Redis for their history and their list
 * of subscriptions, and what the cluster presence tests need around them: a reader's token,
 * watchers of subscription events, API requests.
 */
final class PresenceCluster {
    static final String NS = SubscriptionTopics.COLLECTION;
    static final String SECRET = TestTokens.secret();
    /** Reads everything, the subscription namespace included (0.x claims, accepted for both forms). */
    static final String READER = TestTokens.hs256(SECRET, TestTokens.subscriber("*"));
    static final Duration HEARTBEAT = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private PresenceCluster() {}

    /** A hub node: its server, and the registry it lists subscriptions in (to stop it like a dead node's). */
    static final class Node implements AutoCloseable {
        private final RunningHub hub;
        private final RedisSubscriptionRegistry registry;
        private boolean closed;

        Node(RunningHub hub, RedisSubscriptionRegistry registry) {
            this.hub = hub;
            this.registry = registry;
        }

        int port() {
            return hub.port();
        }

        RedisSubscriptionRegistry registry() {
            return registry;
        }

        /** Once: closes the registry, then the hub and its transport. */
        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                hub.close();
            }
        }
    }

    static Node start(String redisUrl, String prefix, PresenceLease lease) throws InterruptedException {
        RedisTransport transport = RedisTransport.open(RedisTransportConfig.of(redisUrl).withKeyPrefix(prefix));
        RedisSubscriptionRegistry registry = RedisSubscriptionRegistry.open(transport, lease);
        Hub hub = new Hub(transport, HubConfig.defaults().withHeartbeat(HEARTBEAT));
        return new Node(RunningHub.start(config(), hub, registry), registry);
    }

    /** Anyone may subscribe (anonymous connections are announced too); tokens signed with {@link #SECRET}. */
    static ServerConfig config() {
        VerifierConfig key = VerifierConfig.key(SECRET, "HS256");
        return RunningHub.defaults().withSubscriptions(true)
                .withAuth(AuthConfig.locked().withPublisher(key).withSubscriber(key).withAnonymous(true));
    }

    /** A subscription to everything: {@code match=*} reads 1.0 events, {@code topic=*} 0.x ones. */
    static StreamClient watch(Node node, String query) throws IOException, InterruptedException {
        return LiveStreams.open(node.port(), "/.well-known/mercure?" + query, Map.of("Authorization", "Bearer " + READER));
    }

    /** An anonymous subscriber of {@code topic}. */
    static StreamClient subscribe(Node node, String topic) throws IOException, InterruptedException {
        return LiveStreams.open(node.port(), "/.well-known/mercure?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8),
                Map.of());
    }

    /** The events on {@code stream} about matcher {@code match}, either form, as JSON. */
    static List<JsonNode> about(StreamClient stream, String match) {
        List<JsonNode> out = new ArrayList<>();
        for (SseEvent e : stream.events()) {
            JsonNode doc = parse(e.data());
            if (doc != null && (match.equals(doc.path("match").asText(null)) || match.equals(doc.path("topic").asText(null)))) {
                out.add(doc);
            }
        }
        return out;
    }

    static long count(List<JsonNode> events, boolean active) {
        return events.stream().filter(e -> e.path("active").asBoolean() == active).count();
    }

    /** {@code GET} on the subscriptions API with {@link #READER}; fails unless 200. */
    static JsonNode api(Node node, String pathAndQuery) {
        HttpResponse<String> r = get(node, pathAndQuery);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    static HttpResponse<String> get(Node node, String pathAndQuery) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + pathAndQuery))
                    .header("Authorization", "Bearer " + READER).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The 1.0 collection of exact subscriptions to {@code topic}. */
    static String matcherPath(String topic) {
        return NS + "/exact/" + SubscriptionTopics.encode(topic);
    }

    static JsonNode parse(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
