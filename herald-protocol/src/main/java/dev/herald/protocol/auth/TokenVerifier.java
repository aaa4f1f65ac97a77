package dev.herald.protocol.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies the tokens of one role with nimbus-jose-jwt. The allowed algorithms come from the
 * configuration, never from the token, and each key only verifies its own algorithm family: an
 * RSA public key can never be used as an HMAC secret, and {@code alg: none} is never accepted.
 */
public final class TokenVerifier {
    static final int MAX_CLOCK_SKEW_SECONDS = 5;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
    /** Set only for a short legacy HMAC secret allowed by {@code --allow-short-hmac-key}. */
    private ShortSecretVerifier shortSecret;
    private byte[] shortSecretBytes;

    /** Verifies legacy (0.x) tokens: {@code typ} absent or {@code JWT}, {@code exp} optional. */
    public TokenVerifier(VerifierConfig config, String role) {
        this(config, role, null);
    }

    /**
     * @param issuer null for legacy (0.x) tokens; else the trusted issuer whose 1.0 access tokens
     *     this verifies: {@code typ} must be {@code at+jwt}, {@code iss} exactly this, {@code exp} present
     */
    public TokenVerifier(VerifierConfig config, String role, String issuer) {
        this(config, role, issuer, false);
    }

    /**
     * @param allowShortHmacKey for legacy tokens only: verify with an HMAC secret shorter than
     *     {@value KeyMaterial#MIN_SECRET_BYTES} bytes (Mercure 0.x accepted them)
     */
    public TokenVerifier(VerifierConfig config, String role, String issuer, boolean allowShortHmacKey) {
        for (String name : config.algorithms()) {
            JWSAlgorithm alg = JWSAlgorithm.parse(name.toUpperCase(Locale.ROOT));
            if (JWSAlgorithm.Family.SIGNATURE.stream().noneMatch(alg::equals)
                    && !JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
                throw new IllegalArgumentException("Unsupported JWT algorithm for the " + role + ": " + name);
            }
            algorithms.add(alg);
        }
        if (config.jwksUrl() != null) {
            if (algorithms.stream().anyMatch(JWSAlgorithm.Family.HMAC_SHA::contains)) {
                throw new IllegalArgumentException("A JWKS URL only serves public keys: HMAC algorithms are not allowed with it");
            }
            try {
                // Cached, refreshed ahead of expiry in the background, retried once on failure.
                JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(config.jwksUrl().toURL())
                        .refreshAheadCache(true)
                        .retrying(true)
                        .build();
                processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid " + role + " JWKS URL: " + config.jwksUrl());
            }
        } else {
            if (algorithms.size() != 1) {
                throw new IllegalArgumentException("A static " + role + " JWT key takes exactly one algorithm");
            }
            JWSAlgorithm alg = algorithms.iterator().next();
            byte[] secret = ShortSecretVerifier.bytes(config.key());
            if (JWSAlgorithm.Family.HMAC_SHA.contains(alg) && secret.length < KeyMaterial.MIN_SECRET_BYTES
                    && allowShortHmacKey && issuer == null) {
                shortSecretBytes = secret;
            } else {
                processor.setJWSKeySelector(new SingleKeyJWSKeySelector<>(alg,
                        KeyMaterial.forKey(config.key(), alg, role)));
            }
        }
        DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier;
        if (issuer == null) {
            processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
            claimsVerifier = new DefaultJWTClaimsVerifier<>(null, null);
        } else {
            processor.setJWSTypeVerifier((type, context) -> {
                if (!AccessTokens.isAccessTokenType(type)) {
                    throw new BadJOSEException("unexpected type");
                }
            });
            claimsVerifier = new DefaultJWTClaimsVerifier<>(
                    null, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", "iss"));
        }
        // A little leeway for publishers' clocks, far less than nimbus's default minute.
        claimsVerifier.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claimsVerifier);
        if (shortSecretBytes != null) {
            shortSecret = new ShortSecretVerifier(shortSecretBytes, algorithms.iterator().next(), claimsVerifier);
        }
    }

    /** True when this verifier uses a short HMAC secret (see {@code --allow-short-hmac-key}). */
    boolean usesShortSecret() {
        return shortSecret != null;
    }

    /**
     * @throws AuthException 401 naming the reason: malformed, algorithm not allowed, bad
     *     signature, expired, not yet valid, or a malformed {@code mercure} claim
     */
    public Grants verify(String token) {
        return MercureClaimParser.parse(verifyClaims(token));
    }

    /** The verified claims, with no Mercure-specific parsing. */
    JWTClaimsSet verifyClaims(String token) {
        if (shortSecret != null) {
            return shortSecret.verify(token);
        }
        try {
            return processor.process(token, null);
        } catch (ParseException e) {
            throw AuthException.unauthorized("Invalid token: malformed JWT");
        } catch (BadJWSException e) {
            throw AuthException.unauthorized("Invalid token: bad signature");
        } catch (BadJWTException e) {
            throw AuthException.unauthorized("Invalid token: " + describe(e));
        } catch (BadJOSEException e) {
            throw AuthException.unauthorized("Invalid token: " + describe(e));
        } catch (JOSEException e) {
            throw AuthException.unauthorized("Invalid token: cannot be verified");
        }
    }

    private String describe(BadJOSEException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("Expired")) {
            return "expired";
        }
        if (m.contains("before use time")) {
            return "not yet valid (nbf)";
        }
        if (m.contains("Unsecured") || m.contains("algorithm") || m.contains("no matching key")) {
            return "algorithm not allowed (allowed: " + algorithms + ") or no matching key";
        }
        if (m.contains("missing required claims")) {
            return "missing required claim (exp, iss)";
        }
        if (m.contains("claim value mismatch") || m.contains("iss")) {
            return "issuer mismatch";
        }
        if (m.contains("type")) {
            return "unexpected token type (typ)";
        }
        return "rejected";
    }
}
