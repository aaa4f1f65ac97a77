package dev.herald.micrometer;

import dev.herald.hub.CloseReason;
import dev.herald.hub.HubMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The hub's plain counters as meters, read when the registry is scraped: nothing here runs per
 * delivery or per publish. Names are Micrometer's dotted form; Prometheus shows {@code
 * herald.deliveries} as {@code herald_deliveries_total}.
 */
public final class HubMeters {
    private final MeterRegistry registry;
    /** Every meter added, so that they can be taken out of an embedder's registry again. */
    private final List<Meter> registered = new ArrayList<>();
    /** A function counter holds its source weakly: these stay reachable as long as the meters. */
    private final List<Object> sources = new ArrayList<>();

    public HubMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public List<Meter> registered() {
        return registered;
    }

    private void track(Meter meter) {
        registered.add(meter);
    }

    public void bind(HubMetrics hub) {
        counter("herald.updates.published", "Updates the transport stored, the hub's subscription events included",
                hub, HubMetrics::updatesPublished);
        counter("herald.deliveries", "Events written to subscriber connections, live and replayed",
                hub, HubMetrics::deliveries);
        sources.add(hub);
        track(FunctionCounter.builder("herald.delivered", hub, HubMetrics::deliveredBytes).baseUnit("bytes")
                .description("Bytes of the events written to subscriber connections").register(registry));
        counter("herald.subscriptions.started", "Subscriptions started", hub, HubMetrics::subscriptionsStarted);
        track(FunctionCounter.builder("herald.subscriptions.ended", hub, HubMetrics::subscriptionsEndedByClient)
                .tag("reason", "client_gone")
                .description("Subscriptions ended, by reason").register(registry));
        for (CloseReason reason : CloseReason.values()) {
            track(FunctionCounter.builder("herald.subscriptions.ended", hub, m -> m.subscriptionsEndedByHub(reason))
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("Subscriptions ended, by reason").register(registry));
        }
        // By protocol: a subscription with any match parameter reads Mercure 1.0, one of topic parameters only 0.x.
        track(Gauge.builder("herald.subscribers", hub, m -> m.subscribers() - m.legacySubscribers())
                .tag("protocol", "1.0").strongReference(true)
                .description("Connected subscriptions, by the Mercure protocol they read").register(registry));
        track(Gauge.builder("herald.subscribers", hub, HubMetrics::legacySubscribers)
                .tag("protocol", "0.x").strongReference(true)
                .description("Connected subscriptions, by the Mercure protocol they read").register(registry));
        gauge("herald.topic.selectors", "Distinct topic selectors with at least one subscriber",
                hub, HubMetrics::topicSelectors);
        if (hub.retainedUpdates().isPresent()) {
            gauge("herald.history.retained", "Updates the transport retains for resume",
                    hub, m -> m.retainedUpdates().orElse(0));
        }
        gauge("herald.ready", "1 while the hub can take updates (what /readyz answers), else 0",
                hub, m -> m.health().ready() ? 1 : 0);
    }

    /** @param open connections the server holds; {@code streams} of them carry subscriptions */
    public void bindConnections(IntSupplier open, IntSupplier streams) {
        track(Gauge.builder("herald.connections", open, o -> Math.max(0, o.getAsInt() - streams.getAsInt()))
                .tag("kind", "request").strongReference(true)
                .description("Open connections: subscriber streams, and the others (publishes, API requests)")
                .register(registry));
        track(Gauge.builder("herald.connections", streams, IntSupplier::getAsInt).tag("kind", "stream")
                .strongReference(true).description("Open connections: subscriber streams, and the others (publishes, API requests)")
                .register(registry));
    }

    public <T> void counter(String name, String description, T source, ToDoubleFunction<T> count) {
        sources.add(source);
        track(FunctionCounter.builder(name, source, count).description(description).register(registry));
    }

    public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value, String baseUnit) {
        track(Gauge.builder(name, source, value).strongReference(true).baseUnit(baseUnit).description(description)
                .register(registry));
    }

    private <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        track(Gauge.builder(name, source, value).strongReference(true).description(description)
                .register(registry));
    }
}
