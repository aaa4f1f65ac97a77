package dev.herald.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.herald.topic.SelectorCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parser on its own: what an HTTP request cannot carry (tokens too large for a header). */
class AuthorizationDetailsParserTest {
    private static final String RESOURCE = "https://hub.example/.well-known/mercure";
    private static final String TYPE = "https://mercure.rocks/authorization-detail";
    private static final String BOOK = "https://example.com/books/1";

    @Test
    void aDetailWithTooManyTopicsInvalidatesTheToken() {
        List<Object> topics = new ArrayList<>();
        for (int i = 0; i <= AuthorizationDetailsParser.MAX_TOPICS_PER_DETAIL; i++) {
            topics.add(Map.of("match", "https://example.com/" + i));
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("authorization_details", List.of(Map.of("type", TYPE, "actions", List.of("publish"),
                        "topics", topics)))
                .build();

        AuthException e = catchThrowableOfType(AuthException.class,
                () -> AuthorizationDetailsParser.parse(claims, RESOURCE, new SelectorCache()));

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).contains("more than");
    }

    @Test
    void theFirstMatchingSubscribeDetailGivesThePayload() {
        Grants grants = AuthorizationDetailsParser.parse(new JWTClaimsSet.Builder()
                .claim("authorization_details", List.of(
                        Map.of("type", TYPE, "actions", List.of("subscribe"),
                                "topics", List.of(Map.of("match", BOOK)), "payload", Map.of("n", 1)),
                        Map.of("type", TYPE, "actions", List.of("subscribe"),
                                "topics", List.of(Map.of("match", "*")), "payload", Map.of("n", 2))))
                .build(), RESOURCE, new SelectorCache());

        assertThat(grants.payloadFor(BOOK)).isEqualTo("{\"n\":1}");
        assertThat(grants.payloadFor("https://example.com/other")).isEqualTo("{\"n\":2}");
    }
}
