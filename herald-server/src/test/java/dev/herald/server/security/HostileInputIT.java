package dev.herald.server.security;

import static dev.herald.testkit.HubRequests.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.VerifierConfig;
import dev.herald.server.security.HostileRequests.Hostile;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.HubRequests;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import dev.herald.testkit.TestTokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of generated hostile requests over raw sockets, while subscribers stay connected: every
 * answer is a 4xx (or, for bytes that are not HTTP at all, a close), none is a 5xx or a hang, no
 * answer carries private data or a credential, and the subscribers keep receiving throughout.
 */
class HostileInputIT {
    private static final int REQUESTS = 600;
    private static final int BATCH = 25;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final int SOCKET_TIMEOUT_MS = 10_000;
    private static final String SECRET = TestTokens.secret();
    private static final String PUBLIC = "https://example.com/news";
    private static final String PRIVATE = "https://example.com/users/42/inbox";
    private static final String PRIVATE_DATA = "private-" + UUID.randomUUID();

    /** How one exchange ended: a status code, or closed without a response. */
    record Outcome(Hostile request, int status, String response) {
        boolean closed() {
            return status == 0;
        }
    }

    @Test
    void hostileRequestsGetOnly4xxAndTheHubKeepsServing() throws Exception {
        String publisher = TestTokens.hs256(SECRET, TestTokens.publisher("*"));
        String privateReader = TestTokens.hs256(SECRET, TestTokens.subscriber(PRIVATE));
        String publicReader = TestTokens.hs256(SECRET, TestTokens.subscriber());
        List<String> credentials = List.of(SECRET, publisher, privateReader, publicReader);
        List<Hostile> requests = new HostileRequests(20240917L, publisher, publicReader).generate(REQUESTS);

        try (RunningHub hub = RunningHub.start(RunningHub.defaults()
                .withAuth(AuthConfig.locked().withPublisher(VerifierConfig.key(SECRET, "HS256")).withAllowQueryToken(true)
                        .withSubscriber(VerifierConfig.key(SECRET, "HS256")))
                .withMaxBodyBytes(64 * 1024).withMaxHeaderBytes(8 * 1024).withRequestTimeout(REQUEST_TIMEOUT));
                StreamClient privateStream = open(hub, privateReader);
                StreamClient public1 = open(hub, publicReader);
                StreamClient public2 = open(hub, publicReader);
                StreamClient public3 = open(hub, publicReader)) {
            List<StreamClient> publicStreams = List.of(public1, public2, public3);
            publish(hub, publisher, PRIVATE, PRIVATE_DATA, true);
            privateStream.awaitEvents(1, Duration.ofSeconds(5));

            List<Outcome> outcomes = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (int start = 0, marker = 0; start < requests.size(); start += BATCH, marker++) {
                    List<Future<Outcome>> batch = new ArrayList<>();
                    for (Hostile h : requests.subList(start, Math.min(start + BATCH, requests.size()))) {
                        batch.add(pool.submit(() -> exchange(hub.port(), h)));
                    }
                    for (Future<Outcome> f : batch) {
                        outcomes.add(f.get());
                    }
                    assertSubscribersReceive(hub, publisher, marker, privateStream, publicStreams);
                }
            } finally {
                pool.shutdownNow();
            }
            printSummary(outcomes);

            for (Outcome o : outcomes) {
                String what = o.request().category() + " / " + o.request().label() + " -> " + o.status() + " " + o.response();
                if (o.closed()) {
                    assertThat(o.request().category()).as("only non-HTTP garbage may be closed without a response: " + what)
                            .isEqualTo("request-line");
                } else {
                    assertThat(o.status()).as(what).isBetween(400, 499);
                }
                assertThat(o.response()).as(what).doesNotContain(PRIVATE_DATA).doesNotContain("pmarker-");
                for (String credential : credentials) {
                    assertThat(o.response()).as(what).doesNotContain(credential);
                }
            }
            for (StreamClient s : publicStreams) {
                assertThat(s.events()).as("public subscribers get nothing private")
                        .noneMatch(e -> e.data().equals(PRIVATE_DATA) || e.data().startsWith("pmarker-"));
                assertThat(s.ended()).isFalse();
            }
            assertThat(privateStream.ended()).isFalse();
            assertThat(HubRequests.request(hub.port(), "GET", "/healthz", Map.of()).status()).isEqualTo(200);
        }
    }

    private static void assertSubscribersReceive(RunningHub hub, String publisher, int marker,
            StreamClient privateStream, List<StreamClient> publicStreams) throws Exception {
        String data = "marker-" + marker;
        String privateData = "pmarker-" + marker;
        publish(hub, publisher, PUBLIC, data, false);
        publish(hub, publisher, PRIVATE, privateData, true);
        for (StreamClient s : publicStreams) {
            Poll.until(() -> has(s, data), Duration.ofSeconds(5), () -> "a public subscriber missed " + data);
        }
        Poll.until(() -> has(privateStream, data) && has(privateStream, privateData), Duration.ofSeconds(5),
                () -> "the private subscriber missed " + data + " or " + privateData);
    }

    private static boolean has(StreamClient stream, String data) {
        return stream.events().stream().map(SseEvent::data).anyMatch(data::equals);
    }

    /** Sends the bytes and reads one response; a silent server past the socket timeout fails the test. */
    static Outcome exchange(int port, Hostile h) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(SOCKET_TIMEOUT_MS);
            try {
                socket.getOutputStream().write(h.bytes());
                socket.getOutputStream().flush();
            } catch (IOException serverStoppedReading) {
                // the hub may answer and close before a big request is written: read its answer
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            try {
                int last4 = 0;
                int b;
                while ((b = in.read()) >= 0) {
                    head.write(b);
                    last4 = last4 << 8 | b;
                    if (last4 == 0x0D0A0D0A) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer within " + SOCKET_TIMEOUT_MS + " ms (a hang): "
                        + h.category() + " / " + h.label(), e);
            } catch (IOException reset) {
                // reset by the hub: judged below by what arrived
            }
            if (head.size() == 0) {
                return new Outcome(h, 0, "");
            }
            RawHttp.Response r = RawHttp.read(new java.io.SequenceInputStream(
                    new java.io.ByteArrayInputStream(head.toByteArray()), in));
            return new Outcome(h, r.status(), head.toString(StandardCharsets.ISO_8859_1) + r.body());
        }
    }

    private static void printSummary(List<Outcome> outcomes) {
        Map<String, Integer> byStatus = new TreeMap<>();
        Map<String, Map<String, Integer>> byCategory = new TreeMap<>();
        Map<String, Map<String, Integer>> byLabel = new TreeMap<>();
        for (Outcome o : outcomes) {
            String key = o.closed() ? "closed without response" : String.valueOf(o.status());
            byStatus.merge(key, 1, Integer::sum);
            byCategory.computeIfAbsent(o.request().category(), k -> new TreeMap<>()).merge(key, 1, Integer::sum);
            byLabel.computeIfAbsent(o.request().category() + " / " + o.request().label().replaceAll("[^ -~]", "?"),
                    k -> new TreeMap<>()).merge(key, 1, Integer::sum);
        }
        System.out.println("Hostile input: " + outcomes.size() + " requests; outcomes " + byStatus);
        byCategory.forEach((category, counts) -> System.out.println("  " + category + ": " + counts));
        if (Boolean.getBoolean("herald.hostile.verbose")) {
            byLabel.forEach((label, counts) -> System.out.println("    " + label + ": " + counts));
        }
    }

    private static StreamClient open(RunningHub hub, String token) throws Exception {
        return LiveStreams.open(hub.port(), List.of(PUBLIC, PRIVATE), bearer(token));
    }

    private static void publish(RunningHub hub, String token, String topic, String data, boolean isPrivate)
            throws Exception {
        RawHttp.Response r = isPrivate
                ? HubRequests.publish(hub.port(), bearer(token), "topic", topic, "data", data, "private", "on")
                : HubRequests.publish(hub.port(), bearer(token), "topic", topic, "data", data);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
