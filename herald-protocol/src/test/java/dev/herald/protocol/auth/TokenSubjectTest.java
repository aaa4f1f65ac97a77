package dev.herald.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

class TokenSubjectTest {

    @Test
    void aSubjectIsKeyedWithItsIssuer() {
        String a = TokenSubject.of(claims("https://a.example", "alice"), "t1");
        String sameUserOtherToken = TokenSubject.of(claims("https://a.example", "alice"), "t2");
        String otherIssuer = TokenSubject.of(claims("https://b.example", "alice"), "t1");
        String split = TokenSubject.of(claims("https://a.example al", "ice"), "t1");

        assertThat(a).isEqualTo(sameUserOtherToken);
        assertThat(otherIssuer).isNotEqualTo(a);
        assertThat(split).as("issuer and subject cannot run into each other").isNotEqualTo(
                TokenSubject.of(claims("https://a.example", "al ice"), "t1"));
    }

    @Test
    void aTokenWithoutSubjectStandsForItselfWithoutBeingKept() {
        JWTClaimsSet noSub = new JWTClaimsSet.Builder().issuer("https://a.example").build();

        String first = TokenSubject.of(noSub, "token-one");

        assertThat(first).isEqualTo(TokenSubject.of(noSub, "token-one"))
                .isNotEqualTo(TokenSubject.of(noSub, "token-two"))
                .doesNotContain("token-one");
    }

    private static JWTClaimsSet claims(String issuer, String subject) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject(subject).build();
    }
}
