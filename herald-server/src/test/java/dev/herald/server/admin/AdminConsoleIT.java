package dev.herald.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.herald.server.HttpRoute;
import dev.herald.server.ObservabilityConfig;
import dev.herald.protocol.auth.AuthConfig;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console's static files: served from the jar to anyone (they hold no figures), with strict
 * headers; nothing but the known files, whatever the path says; only GET.
 */
class AdminConsoleIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String TOKEN = "console-test-token-0123456789";
    private static RunningHub hub;

    @BeforeAll
    static void start() throws InterruptedException {
        // A locked hub with an admin token: the page must still load without either.
        hub = RunningHub.start(RunningHub.defaults().withAuth(AuthConfig.locked())
                .withObservability(ObservabilityConfig.defaults().withAdminToken(TOKEN)));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void thePageIsServedWithoutATokenWithStrictHeaders() throws Exception {
        HttpResponse<String> page = get("/admin/", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:"));
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body())
                .contains("<title>Herald admin console</title>", "src=\"common.js\"", "src=\"chart.js\"",
                        "src=\"debugger.js\"", "src=\"admin.js\"", "href=\"admin.css\"")
                .doesNotContain("<script>", "http://", "https://");
    }

    @Test
    void theScriptAndStyleSheetHaveTheirTypesAndTheIndexItsName() throws Exception {
        assertThat(get("/admin/admin.js", null).headers().firstValue("Content-Type"))
                .hasValue("text/javascript; charset=utf-8");
        assertThat(get("/admin/admin.css", null).headers().firstValue("Content-Type"))
                .hasValue("text/css; charset=utf-8");
        assertThat(get("/admin/index.html", null).body()).isEqualTo(get("/admin/", null).body());
        assertThat(get("/admin/admin.js", null).body()).contains("fetch(").doesNotContain("eval(");
    }

    @Test
    void anUnchangedFileIsAnswered304ToItsValidator() throws Exception {
        HttpResponse<String> first = get("/admin/admin.js", null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(uri("/admin/admin.js"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(uri("/admin/admin.js"))
                .header("If-None-Match", "\"something-else\"").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(200);
    }

    @Test
    void slashAdminRedirectsToTheConsole() throws Exception {
        HttpResponse<String> r = get("/admin", null);
        assertThat(r.statusCode()).isEqualTo(308);
        assertThat(r.headers().firstValue("Location")).hasValue("/admin/");
    }

    @Test
    void unknownFilesAreNotFound() throws Exception {
        for (String path : List.of("/admin/favicon.ico", "/admin/other.js", "/admin/ADMIN.JS", "/admin/admin",
                "/admin/.", "/admin/admin.js.map")) {
            RawHttp.Response r = raw("GET", path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).startsWith("Not found: ");
        }
    }

    /** Whatever a path tries, the answer is a 4xx naming the problem and never a file's bytes. */
    @ParameterizedTest
    @ValueSource(strings = {"/admin/../stats", "/admin/..", "/admin/../", "/admin/%2e%2e/stats",
            "/admin/%2E%2E%2Fstats", "/admin/..%2Fstats", "/admin/admin.js%00", "/admin/admin.js%2F", "/admin/%2Fetc%2Fpasswd",
            "/admin/..\\..\\etc\\passwd", "/admin/\\admin.js", "/admin/sub/admin.js", "/admin//etc/passwd",
            "/admin/./admin.js", "/admin/index.html/", "/admin/admin.js;x", "/admin/%61dmin.js", "/admin/admin.js%20",
            "/admin/live/", "/admin/live%00", "/admin/..;/stats"})
    void hostilePathsAreRefusedWithoutServingAnything(String path) throws Exception {
        RawHttp.Response r = raw("GET", path);
        assertThat(r.status()).as(path).isIn(400, 404);
        assertThat(r.body()).as(path).doesNotContain("<html", "fetch(", "subscribers", ":root");
        assertThat(r.header("Content-Type")).as(path).startsWith("text/plain");
    }

    @Test
    void aNulByteInTheRequestLineIsABadRequest() throws Exception {
        RawHttp.Response r = RawHttp.exchange(hub.port(), "GET /admin/admin.js\0 HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(r.status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "QUERY"})
    void onlyGetIsAllowedAndTheAnswerSaysSo(String method) throws Exception {
        for (String path : List.of("/admin", "/admin/", "/admin/admin.js", "/admin/live", "/admin/nothing")) {
            RawHttp.Response r = RawHttp.exchange(hub.port(), RawHttp.request(method, path,
                    RawHttp.headers("Host", "localhost", "Authorization", "Bearer " + TOKEN), new byte[0]));
            assertThat(r.status()).as(method + " " + path).isEqualTo(405);
            assertThat(r.header("Allow")).as(method + " " + path).isEqualTo("GET");
            assertThat(r.body()).as(method + " " + path).contains("allowed: GET");
        }
    }

    @Test
    void anApplicationCannotMountARouteOverTheConsole() {
        for (String path : List.of("/admin", "/admin/live", "/admin/x")) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> RunningHub.defaults().withRoute(path, HttpRoute.page("<p>mine")))
                    .withMessageContaining("the hub serves " + path + " itself");
        }
    }

    private static RawHttp.Response raw(String method, String target) throws Exception {
        return RawHttp.exchange(hub.port(),
                RawHttp.request(method, target, RawHttp.headers("Host", "localhost"), null));
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + hub.port() + path);
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
