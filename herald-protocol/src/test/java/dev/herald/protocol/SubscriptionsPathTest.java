package dev.herald.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.protocol.SubscriptionsPath.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Request paths under the subscriptions collection: which resource, which variables, which id. */
class SubscriptionsPathTest {
    private static final String NS = "/.well-known/mercure/subscriptions";

    @Test
    void eachShapeHasItsVariables() {
        assertThat(SubscriptionsPath.parse(NS)).isEqualTo(new SubscriptionsPath(Shape.ALL, null, null, null));
        assertThat(SubscriptionsPath.parse(NS + "/exact/a%2Fb"))
                .isEqualTo(new SubscriptionsPath(Shape.MATCHER, "exact", "a/b", null));
        assertThat(SubscriptionsPath.parse(NS + "/urlpattern/a/urn%3Ax"))
                .isEqualTo(new SubscriptionsPath(Shape.SUBSCRIPTION, "urlpattern", "a", "urn:x"));
        assertThat(SubscriptionsPath.parse(NS + "/uritemplate/%7Bx%7D/s"))
                .isEqualTo(new SubscriptionsPath(Shape.SUBSCRIPTION, "uritemplate", "{x}", "s"));
        assertThat(SubscriptionsPath.parse(NS + "/a%2Fb")).isEqualTo(new SubscriptionsPath(Shape.LEGACY_TOPIC, null, "a/b", null));
        assertThat(SubscriptionsPath.parse(NS + "/t/s")).isEqualTo(new SubscriptionsPath(Shape.LEGACY_SUBSCRIPTION, null, "t", "s"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/a/b/c/d", "/unknown/m/s", "/EXACT/m/s"})
    void pathsNoResourceCanHaveAreNull(String rest) {
        assertThat(SubscriptionsPath.parse(NS + rest)).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/exact/a%3ab, /exact/a%3Ab",
        "/%65xact/a, /exact/a",
        "/exact/a:b/urn:x, /exact/a%3Ab/urn%3Ax",
        "/exact/caf\u00c3\u00a9, /exact/caf%C3%A9", // raw UTF-8 bytes, as Netty hands them over
        "/exact/a+b, /exact/a%2Bb",
        "/a%2fb, /a%2Fb",
    })
    void theCanonicalFormEncodesEachVariableOnce(String rest, String canonical) {
        assertThat(SubscriptionsPath.parse(NS + rest).canonical()).isEqualTo(NS + canonical);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "//", "/exact//s", "/exact/m/", "/%", "/%zz", "/%4", "/%FF", "/%C3", "/%ED%A0%80",
            "/\u00ff", "/a\u00ffb", "/\u00c3"})
    void malformedSegmentsAreBadRequests(String rest) {
        assertThatThrownBy(() -> SubscriptionsPath.parse(NS + rest)).isInstanceOf(BadRequestException.class);
    }
}
