package dev.herald.protocol.auth;

/**
 * The keys of one trusted issuer of Mercure 1.0 access tokens ({@code typ: at+jwt}): only these
 * keys verify a token whose {@code iss} is this issuer, never another issuer's.
 *
 * @param publisher verifies the issuer's tokens at the publish endpoint, or null: its tokens
 *     cannot publish
 * @param subscriber verifies the issuer's tokens at the subscribe endpoint, or null: its tokens
 *     cannot subscribe
 */
public record IssuerConfig(VerifierConfig publisher, VerifierConfig subscriber) {

    public IssuerConfig {
        if (publisher == null && subscriber == null) {
            throw new IllegalArgumentException("a trusted issuer needs a publisher or a subscriber key");
        }
    }
}
