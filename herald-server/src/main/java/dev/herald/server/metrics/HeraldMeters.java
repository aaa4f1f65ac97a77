package dev.herald.server.metrics;

import dev.herald.hub.Hub;
import dev.herald.hub.HubObserver;
import dev.herald.micrometer.HubMeters;
import dev.herald.micrometer.TimingMeters;
import dev.herald.server.ObservabilityConfig;
import dev.herald.server.ServerConfig;
import dev.herald.protocol.presence.PresenceTracker;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * A server's meters, from start to close: the hub's counters and timings, the server's own
 * figures, and (in a registry of its own) JVM and process meters. With an embedder's registry it
 * adds only the {@code herald.*} meters and removes them again at {@link #close()}.
 */
public final class HeraldMeters implements AutoCloseable {
    private final MeterRegistry registry;
    private final boolean ownRegistry;
    private final Hub hub;
    private final HubMeters hubMeters;
    private final JvmGcMetrics gc;
    private final LongAdder deadClients = new LongAdder();
    /** Scrapes run here, not on an event loop: a scrape takes milliseconds the deliveries should not wait. */
    private final ExecutorService scraper = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "herald-metrics-scrape");
        t.setDaemon(true);
        return t;
    });

    private HeraldMeters(MeterRegistry registry, boolean ownRegistry, Hub hub) {
        this.registry = registry;
        this.ownRegistry = ownRegistry;
        this.hub = hub;
        this.hubMeters = new HubMeters(registry);
        hubMeters.bind(hub.metrics());
        hubMeters.counter("herald.dead.clients.dropped",
                "Connections dropped because the client acknowledged nothing for the dead-client timeout",
                deadClients, LongAdder::sum);
        if (ownRegistry) {
            new ClassLoaderMetrics().bindTo(registry);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            new FileDescriptorMetrics().bindTo(registry);
            gc = new JvmGcMetrics();
            gc.bindTo(registry);
            if (ResidentMemory.available()) {
                hubMeters.gauge("process.resident.memory", "Resident set size of the process (VmRSS)",
                        ResidentMemory.class, c -> ResidentMemory.bytes(), "bytes");
            }
        } else {
            gc = null;
        }
        hub.setObserver(new TimingMeters(registry, hubMeters.registered()));
    }

    /**
     * The meters {@code config} asks for, or null when metrics are off.
     *
     * @param presence the server's subscription tracking, or null when it has none
     */
    public static HeraldMeters start(ServerConfig config, Hub hub, PresenceTracker presence) {
        ObservabilityConfig observability = config.observability();
        if (!observability.metrics()) {
            return null;
        }
        HeraldMeters meters = observability.meterRegistry() != null
                ? new HeraldMeters(observability.meterRegistry(), false, hub)
                : new HeraldMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), true, hub);
        if (presence != null) {
            meters.hubMeters.counter("herald.subscription.events.published",
                    "Subscription events the hub published (--subscriptions), both protocols' forms",
                    presence, PresenceTracker::eventsPublished);
        }
        return meters;
    }

    /** Set on every accepted channel: the count {@link DeadClients} adds to. */
    public LongAdder deadClients() {
        return deadClients;
    }

    /** @param open connections the server holds, of which the hub's subscribers are streams */
    public void bindConnections(IntSupplier open) {
        hubMeters.bindConnections(open, () -> hub.metrics().subscribers());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Whether {@link #scrape()} has anything to serve: the meters are in a Prometheus registry. */
    public boolean scrapable() {
        return registry instanceof PrometheusMeterRegistry;
    }

    /** The Prometheus text exposition (format 0.0.4), taken on a thread of its own. */
    public CompletableFuture<String> scrape() {
        if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
            return CompletableFuture.failedFuture(new IllegalStateException("not a Prometheus registry"));
        }
        try {
            return CompletableFuture.supplyAsync(prometheus::scrape, scraper);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e); // closing
        }
    }

    @Override
    public void close() {
        scraper.shutdownNow();
        hub.setObserver(HubObserver.NONE);
        if (gc != null) {
            gc.close();
        }
        if (ownRegistry) {
            registry.close();
            return;
        }
        for (Meter meter : hubMeters.registered()) {
            registry.remove(meter);
        }
    }
}
