package dev.herald.server.admin;

import dev.herald.hub.Hub;
import dev.herald.server.stream.StreamDrain;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Where the console's live figures come from: the figures {@code /stats} and the meters read
 * (the hub's counters), plus a few the server keeps. Nothing here is scraped from Prometheus text.
 *
 * @param hub its counters, per-selector subscriber counts, history and transport health
 * @param errors the server's last refused requests
 * @param openConnections connections the server holds now
 * @param deadClients connections dropped by the dead-client timeout, or null when metrics are off
 * @param drain whether the server is draining
 */
public record ConsoleSources(Hub hub, RecentErrors errors, IntSupplier openConnections, LongAdder deadClients,
        StreamDrain drain) {
    public ConsoleSources {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(openConnections, "openConnections");
        Objects.requireNonNull(drain, "drain");
    }
}
