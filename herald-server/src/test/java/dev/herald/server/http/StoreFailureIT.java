package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.hub.Hub;
import dev.herald.hub.HubConfig;
import dev.herald.server.testing.RunningHub;
import dev.herald.transport.InMemoryTransport;
import dev.herald.transport.Transport;
import dev.herald.transport.TransportOverloadedException;
import dev.herald.transport.TransportUnavailableException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A publish the transport cannot store answers 503; when its store is unreachable, the answer says which. */
class StoreFailureIT {

    @Test
    void anUnreachableStoreAnswers503NamingWhatFailed() throws Exception {
        Transport failing = new FailingAppends(new TransportUnavailableException("Redis is unreachable"));
        try (RunningHub hub = RunningHub.start(new Hub(failing, HubConfig.defaults()))) {
            HttpResponse<String> r = hub.client().publish(List.of(Map.entry("topic", "t")));

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("The hub could not store the update: Redis is unreachable; retry later\n");
        }
    }

    @Test
    void anOverloadedStoreAnswers503WithoutItsInternals() throws Exception {
        Transport failing = new FailingAppends(new TransportOverloadedException("writer is 65536 updates behind"));
        try (RunningHub hub = RunningHub.start(new Hub(failing, HubConfig.defaults()))) {
            HttpResponse<String> r = hub.client().publish(List.of(Map.entry("topic", "t")));

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("The hub could not store the update; retry later\n");
        }
    }

    /** Reads from an empty memory history; every append fails with the given exception. */
    private static final class FailingAppends implements Transport {
        private final InMemoryTransport reads = new InMemoryTransport(0);
        private final RuntimeException failure;

        FailingAppends(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public CompletionStage<StoredUpdate> append(Update update) {
            return CompletableFuture.failedFuture(failure);
        }

        @Override
        public void listen(Consumer<StoredUpdate> listener) {}

        @Override
        public List<StoredUpdate> readAfter(long afterSequence, int limit) {
            return reads.readAfter(afterSequence, limit);
        }

        @Override
        public OptionalLong sequenceOf(String id) {
            return reads.sequenceOf(id);
        }

        @Override
        public void close() {
            reads.close();
        }
    }
}
