package dev.herald.app.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.topic.MatcherType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herald token}: mint an HMAC-signed token for a hub, for scripts and local use: a Mercure
 * 1.0 access token by default, a legacy (0.x) token with {@code --legacy}.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print a JWT signed with an HMAC secret: a Mercure 1.0 access token (typ at+jwt, "
                + "authorization_details), or with --legacy a 0.x token carrying the mercure claim.")
final class TokenCommand implements Callable<Integer> {
    static final String DETAIL_TYPE = "https://mercure.rocks/authorization-detail";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, defaultValue = "${env:HERALD_JWT_KEY}",
            description = "The HMAC secret the hub verifies with (env HERALD_JWT_KEY).")
    String key;

    @Option(names = "--algorithm", defaultValue = "HS256", description = "HS256, HS384 or HS512 (default ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--publish", paramLabel = "MATCH",
            description = "Topic matcher the holder may publish to (0.x selector with --legacy); repeatable.")
    List<String> publish;

    @Option(names = "--subscribe", paramLabel = "MATCH",
            description = "Topic matcher whose private updates the holder may receive (0.x selector with --legacy); "
                    + "repeatable.")
    List<String> subscribe;

    @Option(names = "--match-type", defaultValue = "exact",
            description = "match_type of the --publish and --subscribe matchers: exact or urlpattern "
                    + "(default ${DEFAULT-VALUE}; * is the wildcard either way).")
    String matchType;

    @Option(names = "--issuer", defaultValue = "${env:HERALD_TOKEN_ISSUER:-https://localhost}",
            description = "The iss claim: a --trusted-issuer of the hub (env HERALD_TOKEN_ISSUER, default ${DEFAULT-VALUE}).")
    String issuer;

    @Option(names = "--audience",
            defaultValue = "${env:HERALD_RESOURCE_IDENTIFIER:-http://localhost:8080/.well-known/mercure}",
            description = "The aud claim: the hub's resource identifier (env HERALD_RESOURCE_IDENTIFIER, "
                    + "default ${DEFAULT-VALUE}).")
    String audience;

    @Option(names = "--client-id", defaultValue = "herald-cli", description = "The client_id claim (default ${DEFAULT-VALUE}).")
    String clientId;

    @Option(names = "--ttl", defaultValue = "1h",
            description = "Lifetime, e.g. 15m, 1h; 0 for no expiry, with --legacy only (default ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--subject", description = "The sub claim (default for access tokens: the client id).")
    String subject;

    @Option(names = "--legacy", description = "Mint a Mercure 0.x token (mercure claim, typ JWT) instead.")
    boolean legacy;

    @Override
    public Integer call() {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm.toUpperCase(Locale.ROOT));
        if (!JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            return fail("only HS256, HS384 and HS512 can be minted here");
        }
        JWTClaimsSet.Builder claims;
        JOSEObjectType type;
        if (legacy) {
            claims = legacyClaims();
            type = JOSEObjectType.JWT;
        } else {
            MatcherType matcherType = MatcherType.forName(matchType);
            if (matcherType == null) {
                return fail("--match-type must be exact or urlpattern");
            }
            if (ttl.isZero()) {
                return fail("access tokens must expire: --ttl 0 is for --legacy tokens only");
            }
            claims = accessTokenClaims(matcherType);
            type = new JOSEObjectType("at+jwt");
        }
        if (!ttl.isZero()) {
            claims.expirationTime(Date.from(Instant.now().plus(ttl)));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(type).build(), claims.build());
        try {
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            return fail("cannot sign: " + e.getMessage());
        }
        spec.commandLine().getOut().println(jwt.serialize());
        return 0;
    }

    private JWTClaimsSet.Builder legacyClaims() {
        Map<String, Object> mercure = new LinkedHashMap<>();
        if (publish != null) {
            mercure.put("publish", publish);
        }
        if (subscribe != null) {
            mercure.put("subscribe", subscribe);
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().claim("mercure", mercure);
        if (subject != null) {
            claims.subject(subject);
        }
        return claims;
    }

    private JWTClaimsSet.Builder accessTokenClaims(MatcherType matcherType) {
        List<Object> details = new ArrayList<>();
        if (publish != null && !publish.isEmpty()) {
            details.add(detail("publish", publish, matcherType));
        }
        if (subscribe != null && !subscribe.isEmpty()) {
            details.add(detail("subscribe", subscribe, matcherType));
        }
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject != null ? subject : clientId)
                .claim("client_id", clientId)
                .issueTime(new Date())
                .jwtID(UUID.randomUUID().toString())
                .claim("authorization_details", details);
    }

    private static Map<String, Object> detail(String action, List<String> matches, MatcherType type) {
        List<Object> topics = new ArrayList<>();
        for (String match : matches) {
            Map<String, Object> topic = new LinkedHashMap<>();
            topic.put("match", match);
            if (type != MatcherType.EXACT) {
                topic.put("match_type", type.canonicalName());
            }
            topics.add(topic);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("type", DETAIL_TYPE);
        detail.put("actions", List.of(action));
        detail.put("topics", topics);
        return detail;
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("herald token: " + message);
        return 2;
    }
}
