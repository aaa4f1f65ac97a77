package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.HttpRoute;
import dev.herald.server.ServerConfig;
import dev.herald.server.testing.RunningHub;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Routes an application mounts beside the hub: served at their exact path, never over the hub's own. */
class AppRoutesIT {
    private RunningHub hub;

    @BeforeEach
    void startHub() throws InterruptedException {
        hub = RunningHub.start(RunningHub.defaults()
                .withRoute("/extra", HttpRoute.page("<p>extra</p>"))
                .withRoute("/echo", HttpRoute.of("POST", request -> HttpRoute.Response.text(200,
                        request.field("name") + " via " + request.hubUrl()))));
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void aPageRouteServesItsHtmlOnGet() throws Exception {
        HttpResponse<String> response = hub.client().get("/extra?ignored=1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.body()).isEqualTo("<p>extra</p>");
    }

    @Test
    void anotherMethodGets405NamingTheRouteMethods() throws Exception {
        HttpResponse<String> response = hub.client().send("DELETE", "/extra");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void aPostRouteReadsTheDecodedFormAndTheHubUrl() throws Exception {
        HttpResponse<String> response = post("/echo", "application/x-www-form-urlencoded", "name=J%C3%BCrgen+X");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Jürgen X via http://127.0.0.1:" + hub.port() + "/.well-known/mercure\n");
    }

    @Test
    void aBodyThatIsNotAFormIsRefusedBeforeTheRoute() throws Exception {
        HttpResponse<String> response = post("/echo", "application/json", "{\"name\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void otherPathsStayNotFound() throws Exception {
        assertThat(hub.client().get("/extra/more").statusCode()).isEqualTo(404);
        assertThat(hub.client().get("/echo2").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/stats", "/healthz", "/.well-known/mercure", "/.well-known/mercure/subscriptions",
            "/.well-known/oauth-protected-resource", "relative", "/a//b", "/a?b", "/a b"})
    void theHubsOwnPathsAndMalformedOnesCannotBeRoutes(String path) {
        assertThatThrownBy(() -> ServerConfig.defaults().withRoute(path, HttpRoute.page("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(hub.client().uri(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
