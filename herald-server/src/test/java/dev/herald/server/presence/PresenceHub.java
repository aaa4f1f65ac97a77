package dev.herald.server.presence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.herald.server.ServerConfig;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.IssuerConfig;
import dev.herald.protocol.auth.VerifierConfig;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.RawHttp;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import dev.herald.testkit.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A hub tracking subscriptions, with 0.x keys and one trusted 1.0 issuer, and what the presence
 * tests need around it: tokens, streams, raw API requests that keep every {@code Link} header.
 */
final class PresenceHub {
    static final String NS = "/.well-known/mercure/subscriptions";
    static final String ISSUER = "https://issuer.example";
    static final String RESOURCE = "https://hub.example/.well-known/mercure";
    static final String DETAIL_TYPE = "https://mercure.rocks/authorization-detail";
    static final String LEGACY_SECRET = TestTokens.secret();
    static final String ISSUER_SECRET = TestTokens.secret();
    /** The hub URL as our raw requests reach it ({@code Host: localhost}). */
    static final String HUB_URL = "http://localhost/.well-known/mercure";
    static final String UUID_URN = "urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PresenceHub() {}

    /** Anonymous subscribers allowed, 0.x and 1.0 tokens accepted, subscriptions tracked. */
    static ServerConfig config() {
        VerifierConfig legacy = VerifierConfig.key(LEGACY_SECRET, "HS256");
        VerifierConfig issuer = VerifierConfig.key(ISSUER_SECRET, "HS256");
        return RunningHub.defaults().withSubscriptions(true).withAuth(AuthConfig.locked()
                .withPublisher(legacy).withSubscriber(legacy).withAnonymous(true)
                .withTrustedIssuer(ISSUER, new IssuerConfig(issuer, issuer))
                .withResourceIdentifier(RESOURCE));
    }

    static RunningHub start() throws InterruptedException {
        return RunningHub.start(config());
    }

    /** A topic no other test uses, so events can be told apart on a shared hub. */
    static String uniqueTopic(String name) {
        return "https://example.com/" + name + "/" + UUID.randomUUID();
    }

    static String enc(String value) {
        return dev.herald.presence.SubscriptionTopics.encode(value);
    }

    // ---- tokens ------------------------------------------------------------------------------

    /** {@code {"match": m}}, or with {@code match_type} when {@code type} is not null. */
    static Map<String, Object> matcher(String type, String match) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("match", match);
        if (type != null) {
            m.put("match_type", type);
        }
        return m;
    }

    /** A {@code subscribe} authorization detail; {@code payload} may be null. */
    static Map<String, Object> subscribe(Map<String, Object> payload, List<Map<String, Object>> topics) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", DETAIL_TYPE);
        d.put("actions", List.of("subscribe"));
        d.put("topics", topics);
        if (payload != null) {
            d.put("payload", payload);
        }
        return d;
    }

    /** A 1.0 access token for {@link #RESOURCE} valid ten minutes. */
    @SafeVarargs
    static String accessToken(Map<String, Object>... details) {
        return accessToken(Instant.now().plusSeconds(600), "client-1", details);
    }

    @SafeVarargs
    static String accessToken(Instant exp, String sub, Map<String, Object>... details) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject(sub).audience(RESOURCE)
                .claim("client_id", "presence-test").issueTime(new Date()).jwtID(UUID.randomUUID().toString())
                .expirationTime(Date.from(exp)).claim("authorization_details", List.of(details)).build();
        try {
            return TestTokens.sign(new MACSigner(ISSUER_SECRET.getBytes(StandardCharsets.UTF_8)),
                    new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(), claims);
        } catch (KeyLengthException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Subscribes to everything, the namespace included. */
    static String accessTokenForAll() {
        return accessToken(subscribe(null, List.of(matcher(null, "*"))));
    }

    /** A 0.x token: {@code mercure.subscribe} and {@code mercure.payload}. */
    static String legacyToken(Map<String, Object> payload, String... subscribe) {
        Map<String, Object> mercure = new LinkedHashMap<>();
        mercure.put("subscribe", List.of(subscribe));
        if (payload != null) {
            mercure.put("payload", payload);
        }
        return TestTokens.hs256(LEGACY_SECRET, new JWTClaimsSet.Builder().claim("mercure", mercure).build());
    }

    static String publisherToken() {
        return TestTokens.hs256(LEGACY_SECRET, TestTokens.publisher("*"));
    }

    static Map<String, String> bearer(String token) {
        return token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
    }

    // ---- streams -----------------------------------------------------------------------------

    /** A registered subscription: {@code query} is the raw query string, already encoded. */
    static StreamClient open(RunningHub hub, String query, String token) throws IOException, InterruptedException {
        return LiveStreams.open(hub.port(), "/.well-known/mercure?" + query, bearer(token));
    }

    static String q(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The subscription events on {@code stream} (either form) about matcher string {@code match}. */
    static List<SseEvent> about(StreamClient stream, String match) {
        List<SseEvent> out = new ArrayList<>();
        for (SseEvent e : stream.events()) {
            JsonNode doc = parseOrNull(e.data());
            if (doc != null && (match.equals(doc.path("match").asText(null)) || match.equals(doc.path("topic").asText(null)))) {
                out.add(e);
            }
        }
        return out;
    }

    private static JsonNode parseOrNull(String data) {
        try {
            JsonNode n = JSON.readTree(data);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    // ---- the API -----------------------------------------------------------------------------

    /** A complete response; header names lower case, every value of a repeated header kept. */
    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        JsonNode json() {
            return PresenceHub.json(body);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    static Response get(RunningHub hub, String target, String token) throws IOException {
        return request(hub, "GET", target, bearer(token));
    }

    /** A GET whose request line is sent as ISO-8859-1: one byte per char, so any byte can be sent. */
    static Response requestLatin1(RunningHub hub, String target, String token) throws IOException {
        String head = "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n";
        return exchange(hub, head.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** One exchange on its own connection; {@code target} goes on the request line as it is (UTF-8). */
    static Response request(RunningHub hub, String method, String target, Map<String, String> headers)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "localhost");
        all.put("Connection", "close");
        all.putAll(headers);
        return exchange(hub, RawHttp.request(method, target, all, null));
    }

    private static Response exchange(RunningHub hub, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", hub.port()), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            InputStream in = socket.getInputStream();
            String[] lines = RawHttp.readHead(in).split("\r\n");
            Map<String, List<String>> parsed = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                parsed.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
            List<String> length = parsed.get("content-length");
            byte[] body = length != null ? in.readNBytes(Integer.parseInt(length.get(0))) : in.readAllBytes();
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), parsed,
                    new String(body, StandardCharsets.UTF_8));
        }
    }

    /** The {@code last-event-id} of the {@code rel="mercure"} link. */
    static String cursor(Response r) {
        for (String link : r.all("Link")) {
            if (link.contains("rel=\"mercure\"")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("last-event-id=\"([^\"]*)\"").matcher(link);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        throw new AssertionError("no rel=\"mercure\" link with a last-event-id: " + r);
    }
}
