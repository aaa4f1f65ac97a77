package dev.herald.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.hub.Hub;
import dev.herald.hub.HubConfig;
import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.MetricsScrape;
import dev.herald.transport.InMemoryTransport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code /readyz} follows the transport: 200 while it takes updates, 503 with the reason once it cannot. */
class ReadinessIT {

    @Test
    void readyWhileTheTransportIsOpenNotReadyOnceItClosedAndAlwaysAlive() throws Exception {
        InMemoryTransport transport = new InMemoryTransport(100);
        try (RunningHub hub = RunningHub.start(new Hub(transport, HubConfig.defaults()))) {
            HttpResponse<String> ready = hub.client().get("/readyz");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready\n");
            assertThat(MetricsScrape.of(hub.port(), null).value("herald_ready")).isEqualTo(1.0);

            transport.close();

            HttpResponse<String> notReady = hub.client().get("/readyz");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).isEqualTo("not ready: memory history closed\n");
            assertThat(MetricsScrape.of(hub.port(), null).value("herald_ready")).isZero();
            assertThat(hub.client().get("/healthz").statusCode()).as("liveness is not readiness").isEqualTo(200);
            assertThat(hub.client().send("POST", "/readyz").statusCode()).isEqualTo(405);
        }
    }
}
