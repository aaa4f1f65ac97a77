package dev.herald.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CookieHeaderTest {

    @Test
    void findsTheNamedCookieAmongOthers() {
        assertThat(CookieHeader.value("theme=dark; mercureAuthorization=a.b.c; lang=en", "mercureAuthorization"))
                .isEqualTo("a.b.c");
        assertThat(CookieHeader.value("mercureAuthorization=a.b.c", "mercureAuthorization")).isEqualTo("a.b.c");
        assertThat(CookieHeader.value("theme=dark", "mercureAuthorization")).isNull();
    }

    @Test
    void namesAreCaseSensitiveAndTheFirstValidOneWins() {
        assertThat(CookieHeader.value("Token=x; token=y", "token")).isEqualTo("y");
        assertThat(CookieHeader.value("token=first; token=second", "token")).isEqualTo("first");
    }

    @Test
    void oneLayerOfDoubleQuotesIsRemoved() {
        assertThat(CookieHeader.value("token=\"a.b.c\"", "token")).isEqualTo("a.b.c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"token=\"a.b.c", "token=a\"b", "token=a b", "token=a\\b", "token=a,b"})
    void aValueOutsideCookieOctetsIsIgnored(String header) {
        assertThat(CookieHeader.value(header, "token")).isNull();
    }

    @Test
    void anInvalidPairDoesNotHideALaterValidOne() {
        assertThat(CookieHeader.value("token=a b; token=ok", "token")).isEqualTo("ok");
    }

    @Test
    void emptyAndOddHeadersFindNothing() {
        assertThat(CookieHeader.value("", "token")).isNull();
        assertThat(CookieHeader.value(";;", "token")).isNull();
        assertThat(CookieHeader.value("token", "token")).isNull();
        assertThat(CookieHeader.value("=x", "token")).isNull();
        assertThat(CookieHeader.value("token=", "token")).isEmpty();
    }
}
