package dev.herald.app.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code herald token}: mint an HMAC-signed token for a hub, for scripts and local use. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print a JWT signed with an HMAC secret, carrying the mercure claim.")
final class TokenCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, defaultValue = "${env:HERALD_JWT_KEY}",
            description = "The HMAC secret the hub verifies with (env HERALD_JWT_KEY).")
    String key;

    @Option(names = "--algorithm", defaultValue = "HS256", description = "HS256, HS384 or HS512 (default ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--publish", description = "Topic selector the holder may publish to; repeatable.")
    List<String> publish;

    @Option(names = "--subscribe", description = "Topic selector whose private updates the holder may receive; repeatable.")
    List<String> subscribe;

    @Option(names = "--ttl", defaultValue = "1h", description = "Lifetime, e.g. 15m, 1h; 0 for no expiry (default ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--subject", description = "The sub claim.")
    String subject;

    @Override
    public Integer call() {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm.toUpperCase(Locale.ROOT));
        if (!JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            spec.commandLine().getErr().println("herald token: only HS256, HS384 and HS512 can be minted here");
            return 2;
        }
        Map<String, Object> mercure = new LinkedHashMap<>();
        if (publish != null) {
            mercure.put("publish", publish);
        }
        if (subscribe != null) {
            mercure.put("subscribe", subscribe);
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().claim("mercure", mercure);
        if (!ttl.isZero()) {
            claims.expirationTime(Date.from(Instant.now().plus(ttl)));
        }
        if (subject != null) {
            claims.subject(subject);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            spec.commandLine().getErr().println("herald token: cannot sign: " + e.getMessage());
            return 2;
        }
        spec.commandLine().getOut().println(jwt.serialize());
        return 0;
    }
}
