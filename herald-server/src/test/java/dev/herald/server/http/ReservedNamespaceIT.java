package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Publishers may not use topics in the hub's own namespace (/.well-known/mercure and below),
 * however they spell them: the check is on the resolved, normalized path.
 */
class ReservedNamespaceIT extends BadInputFixture {

    @ParameterizedTest(name = "topic={0}")
    @ValueSource(strings = {"/.well-known/mercure", "/.well-known/mercure/subscriptions/exact/a/b",
            "https://other.example/.well-known/mercure/subscriptions/x", "http://localhost/.well-known/mercure",
            "/.well-known/%6Dercure/x", "/.well-known/%6dercure", "/%2Ewell-known/mercure/x",
            "/a/../.well-known/mercure/x", "/.well-known/mercure/../mercure/x", "/.well-known/./mercure",
            "/a/%2e%2e/.well-known/mercure/x", "\\.well-known\\mercure\\x", "mercure/subscriptions/x", "mercure", "./mercure/x", "../.well-known/mercure",
            "//evil.example/.well-known/mercure"})
    void topicsThatResolveIntoTheHubNamespaceAreRejected(String topic) throws Exception {
        assertRejected(publish(topic), 400, "is in the hub's reserved namespace");
    }

    @ParameterizedTest(name = "topic={0}")
    @ValueSource(strings = {"/.well-known/mercurial", "/.well-known/mercure-events", "/.WELL-KNOWN/mercure/x",
            "urn:example:.well-known/mercure", "https://example.com/books/1", "plain topic", "/.well-known/mercur%65x"})
    void topicsOutsideTheNamespaceArePublished(String topic) throws Exception {
        HttpResponse<String> response = publish(topic);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @ParameterizedTest(name = "topic={0}")
    @ValueSource(strings = {"/.well-known/mercure/x"})
    void anAlternateTopicInTheNamespaceRejectsTheWholeUpdate(String alternate) throws Exception {
        HttpResponse<String> response = hub.client().postRaw(("topic=ok&topic="
                + URLEncoder.encode(alternate, StandardCharsets.UTF_8) + "&data=x").getBytes(StandardCharsets.UTF_8), FORM);

        assertRejected(response, 400, "is in the hub's reserved namespace");
    }

    private static HttpResponse<String> publish(String topic) throws Exception {
        return hub.client().postRaw(("topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8) + "&data=x")
                .getBytes(StandardCharsets.UTF_8), FORM);
    }
}
