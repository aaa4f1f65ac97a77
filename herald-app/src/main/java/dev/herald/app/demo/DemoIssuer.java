package dev.herald.app.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.presence.SubscriptionTopics;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.protocol.auth.IssuerConfig;
import dev.herald.protocol.auth.VerifierConfig;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo's own token issuer, for {@code --demo} only: a random HMAC key made at startup and
 * never written anywhere, trusted by the hub for subscriber tokens only (its tokens cannot
 * publish), and minting nothing but short-lived presence tokens for one demo room. It never uses
 * the operator's keys, so a demo token grants nothing outside the demo's own topics.
 */
public final class DemoIssuer {
    /** The {@code iss} of demo tokens. */
    public static final String ISSUER = "urn:herald:demo";
    /** Long enough to play with; the page fetches a new token whenever it reconnects. */
    static final Duration TTL = Duration.ofMinutes(15);
    private static final String DETAIL_TYPE = "https://mercure.rocks/authorization-detail";

    private final String key;
    private final Clock clock;

    DemoIssuer(String key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** An issuer with a fresh random key, valid for this process only. */
    public static DemoIssuer random() {
        byte[] secret = new byte[48];
        new SecureRandom().nextBytes(secret);
        return new DemoIssuer(Base64.getUrlEncoder().withoutPadding().encodeToString(secret), Clock.systemUTC());
    }

    /** {@code auth} also trusting this issuer, with a subscriber key only. */
    public AuthConfig trustedBy(AuthConfig auth) {
        if (auth.trustedIssuers().containsKey(ISSUER)) {
            throw new IllegalArgumentException("the issuer " + ISSUER + " is reserved for the demo's own tokens");
        }
        return auth.withTrustedIssuer(ISSUER, new IssuerConfig(null, VerifierConfig.key(key, "HS256")));
    }

    /**
     * A 1.0 access token to be present in a room and watch who else is: {@code subscribe} on the
     * room topic, carrying {@code {"name": name}} as the subscription payload, and {@code subscribe}
     * on the room's subscription collection and its subscription events.
     *
     * @param audience the hub's resource identifier
     */
    public String presenceToken(String roomTopic, String name, String audience) {
        String collection = SubscriptionTopics.forMatcher("exact", roomTopic);
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .subject("demo:" + UUID.randomUUID())
                .claim("client_id", "herald-demo")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TTL)))
                .jwtID(UUID.randomUUID().toString())
                .claim("authorization_details", List.of(
                        subscribe(List.of(topic(roomTopic, null)), Map.of("name", name)),
                        // The collection for the API; its members for the subscription events.
                        subscribe(List.of(topic(collection, null), topic(collection + "/:subscriber", "urlpattern")),
                                null)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(),
                claims);
        try {
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a demo token", e);
        }
        return jwt.serialize();
    }

    private static Map<String, Object> subscribe(List<Object> topics, Map<String, Object> payload) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("type", DETAIL_TYPE);
        detail.put("actions", List.of("subscribe"));
        detail.put("topics", topics);
        if (payload != null) {
            detail.put("payload", payload);
        }
        return detail;
    }

    private static Map<String, Object> topic(String match, String matchType) {
        Map<String, Object> topic = new LinkedHashMap<>();
        topic.put("match", match);
        if (matchType != null) {
            topic.put("match_type", matchType);
        }
        return topic;
    }
}
