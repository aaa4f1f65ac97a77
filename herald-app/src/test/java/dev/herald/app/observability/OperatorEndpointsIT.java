package dev.herald.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.app.testing.HubProcess;
import dev.herald.testkit.HubClient;
import dev.herald.testkit.MetricsScrape;
import dev.herald.testkit.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald serve --admin-token T} over its default SQLite history, as an operator meets it:
 * the operator endpoints locked without the token, Prometheus text with it that counts publishes
 * exactly, and a readiness probe that notices when the history file cannot be written.
 */
class OperatorEndpointsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String TOKEN = "operator-test-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void withTheAdminTokenMetricsCountEveryPublishAndWithoutItNothingIsShown() throws Exception {
        try (HubProcess hub = HubProcess.start(dataDir, "--admin-token", TOKEN)) {
            int port = hub.awaitListening(TIMEOUT);
            // Said just after the listening line, which is what awaitListening waited for.
            Poll.until(() -> hub.log().contains("/metrics and /stats need the admin token"), TIMEOUT,
                    () -> "no admin token line in: " + hub.log());
            assertThat(get(port, "/metrics", null).statusCode()).isEqualTo(401);
            assertThat(get(port, "/stats", null).statusCode()).isEqualTo(401);
            assertThat(get(port, "/stats", TOKEN).statusCode()).isEqualTo(200);

            HubClient client = new HubClient(port);
            MetricsScrape before = MetricsScrape.of(port, TOKEN);
            int n = 25;
            for (int i = 0; i < n; i++) {
                client.publish("https://example.com/orders/" + i, "order " + i);
            }
            MetricsScrape after = MetricsScrape.of(port, TOKEN);

            assertThat(after.value("herald_updates_published_total") - before.value("herald_updates_published_total"))
                    .isEqualTo(n);
            assertThat(after.value("herald_sqlite_commits_total")).isPositive().isLessThanOrEqualTo(n);
            assertThat(after.value("herald_sqlite_commit_seconds_total")).isPositive();
            assertThat(after.value("herald_history_retained")).isEqualTo(n);
            assertThat(after.samples()).containsKey("herald_sqlite_wal_bytes");
            assertThat(after.value("herald_ready")).isEqualTo(1.0);
            assertThat(after.value("process_files_open_files")).isPositive();
        }
    }

    @Test
    void readyzAnswers503WhileTheHistoryFileIsLockedByAnotherProgramAnd200Again() throws Exception {
        try (HubProcess hub = HubProcess.start(dataDir, "--admin-token", TOKEN)) {
            int port = hub.awaitListening(TIMEOUT);
            assertThat(get(port, "/readyz", null).statusCode()).isEqualTo(200);
            HubClient client = new HubClient(port);
            client.publish("https://example.com/orders/0", "first");

            CompletableFuture<String> held;
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("herald.db"));
                    Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE"); // the write lock, as sqlite3 or a backup script would hold it
                held = CompletableFuture.supplyAsync(() -> publish(client, "held back"));

                Poll.until(() -> get(port, "/readyz", null).statusCode() == 503, TIMEOUT, () -> "still ready");
                HttpResponse<String> notReady = get(port, "/readyz", null);
                assertThat(notReady.body()).startsWith("not ready: sqlite commit stalled for ");
                assertThat(get(port, "/healthz", null).statusCode()).as("alive all the same").isEqualTo(200);
                assertThat(held).isNotDone();
                s.execute("ROLLBACK");
            }

            assertThat(held.get(20, TimeUnit.SECONDS)).startsWith("urn:uuid:");
            Poll.until(() -> get(port, "/readyz", null).statusCode() == 200, TIMEOUT, () -> "not ready again");
        }
    }

    private static String publish(HubClient client, String data) {
        try {
            return client.publish("https://example.com/orders/1", data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(int port, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }
}
