package dev.herald.client.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.DoubleSupplier;

/** Everything an event source needs, validated by the builder. */
public record SourceConfig(
        URI uri,
        List<Map.Entry<String, String>> headers,
        String lastEventId,
        Backoff backoff,
        Duration readTimeout,
        HttpClient httpClient,
        ThreadFactory threadFactory,
        DoubleSupplier random) {

    public SourceConfig {
        headers = List.copyOf(headers);
    }
}
