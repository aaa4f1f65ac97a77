package dev.herald.server.security;

import static dev.herald.testkit.HubRequests.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.VerifierConfig;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.HubRequests;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.Poll;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import dev.herald.testkit.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Property: over random topics, subscriber selectors and {@code mercure.subscribe} claims, each
 * subscriber receives exactly the updates that match its selectors and are public, or private with
 * a claim matching one of their topics. The expectation is computed here, not by the hub's
 * matcher; a final public fence update on a topic every subscriber follows marks the end.
 */
class PrivateLeakPropertyIT {
    private static final int TRIALS = 250;
    private static final long SEED = Long.getLong("herald.leakSeed", 0x5eC0_4e7dL);
    private static final String SECRET = TestTokens.secret();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A subscriber: its topic selectors, and its claim (null: no token at all). */
    record Subscriber(List<String> selectors, List<String> claim) {}

    record Published(List<String> topics, boolean isPrivate, String data) {}

    @Test
    void subscribersReceiveExactlyThePublicMatchesAndTheAuthorizedPrivateOnes() throws Exception {
        Random random = new Random(SEED);
        int[] privateDelivered = new int[1];
        int[] privateWithheld = new int[1];
        String publisher = TestTokens.hs256(SECRET, TestTokens.publisher("*"));
        try (RunningHub hub = RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.locked()
                .withPublisher(VerifierConfig.key(SECRET, "HS256"))
                .withSubscriber(VerifierConfig.key(SECRET, "HS256")).withAnonymous(true)))) {
            for (int trial = 0; trial < TRIALS; trial++) {
                String base = "https://example.com/t" + trial + "/";
                String fence = base + "fence";
                List<Subscriber> subscribers = new ArrayList<>();
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    subscribers.add(new Subscriber(selectors(random, base, 1 + random.nextInt(2)),
                            random.nextInt(5) == 0 ? null : selectors(random, base, random.nextInt(3))));
                }
                List<StreamClient> streams = new ArrayList<>();
                try {
                    for (Subscriber s : subscribers) {
                        streams.add(open(hub, s, fence));
                    }
                    List<Published> updates = new ArrayList<>();
                    for (int u = 0, n = 1 + random.nextInt(6); u < n; u++) {
                        Published p = new Published(topics(random, base), random.nextBoolean(),
                                "t" + trial + "-u" + u);
                        publish(hub, publisher, p);
                        updates.add(p);
                    }
                    publish(hub, publisher, new Published(List.of(fence), false, "fence"));

                    for (int i = 0; i < subscribers.size(); i++) {
                        Subscriber s = subscribers.get(i);
                        List<String> expected = new ArrayList<>();
                        for (Published p : updates) {
                            boolean follows = anyMatch(s.selectors(), p.topics());
                            boolean allowed = !p.isPrivate() || (s.claim() != null && anyMatch(s.claim(), p.topics()));
                            if (follows && allowed) {
                                expected.add(p.data());
                                privateDelivered[0] += p.isPrivate() ? 1 : 0;
                            } else if (follows) {
                                privateWithheld[0]++;
                            }
                        }
                        expected.add("fence");
                        StreamClient stream = streams.get(i);
                        Poll.until(() -> stream.events().stream().anyMatch(e -> e.data().equals("fence")) || stream.ended(),
                                TIMEOUT, () -> "no fence on " + s);
                        assertThat(stream.events().stream().map(SseEvent::data).toList())
                                .as("trial %d (seed %d), %s, updates %s", trial, SEED, s, updates)
                                .containsExactlyElementsOf(expected);
                    }
                } finally {
                    for (StreamClient stream : streams) {
                        stream.close();
                    }
                }
            }
        }
        System.out.printf("private-leak property: %d trials, %d private deliveries, %d private updates withheld%n",
                TRIALS, privateDelivered[0], privateWithheld[0]);
        assertThat(privateDelivered[0]).as("authorized private deliveries exercised").isPositive();
        assertThat(privateWithheld[0]).as("unauthorized private updates exercised").isPositive();
    }

    /** Topics are {@code base + kind + "/" + id} over a small alphabet, so selectors often overlap. */
    private static List<String> topics(Random random, String base) {
        List<String> topics = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            String topic = base + "abc".charAt(random.nextInt(3)) + "/" + (1 + random.nextInt(3));
            if (!topics.contains(topic)) {
                topics.add(topic);
            }
        }
        return topics;
    }

    private static List<String> selectors(Random random, String base, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String kind = String.valueOf("abc".charAt(random.nextInt(3)));
            String id = String.valueOf(1 + random.nextInt(3));
            out.add(switch (random.nextInt(7)) {
                case 0 -> "*";
                case 1 -> base + kind + "/{id}";
                case 2 -> base + "{kind}/" + id;
                case 3 -> base + "{kind}/{id}";
                case 4 -> base + "{+rest}";
                case 5 -> "https://example.com/elsewhere/" + kind + "/" + id; // never matches
                default -> base + kind + "/" + id;
            });
        }
        return out;
    }

    /** The reference matcher: exact, {@code *}, or a template whose {@code {x}} is one path segment. */
    static boolean anyMatch(List<String> selectors, List<String> topics) {
        for (String selector : selectors) {
            for (String topic : topics) {
                if (selector.equals("*") || selector.equals(topic) || (selector.contains("{")
                        && Pattern.matches(toRegex(selector), topic))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String toRegex(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            if (part.startsWith("{+")) {
                regex.append(".+");
            } else if (part.startsWith("{")) {
                regex.append("[^/]+");
            } else {
                regex.append(Pattern.quote(part));
            }
        }
        return regex.toString();
    }

    private static StreamClient open(RunningHub hub, Subscriber s, String fence) throws Exception {
        List<String> selectors = new ArrayList<>(s.selectors());
        selectors.add(fence);
        Map<String, String> headers = s.claim() == null ? Map.of()
                : bearer(TestTokens.hs256(SECRET, new JWTClaimsSet.Builder(TestTokens.mercure(null, s.claim()).build())
                        .subject("subscriber").build()));
        return LiveStreams.open(hub.port(), selectors, headers);
    }

    private static void publish(RunningHub hub, String token, Published p) throws Exception {
        List<String> fields = new ArrayList<>();
        for (String topic : p.topics()) {
            fields.add("topic");
            fields.add(topic);
        }
        fields.addAll(List.of("data", p.data()));
        if (p.isPrivate()) {
            fields.addAll(List.of("private", "on"));
        }
        RawHttp.Response r = HubRequests.publish(hub.port(), bearer(token), fields.toArray(String[]::new));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
