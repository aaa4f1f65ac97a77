package dev.herald.micrometer;

import dev.herald.hub.Hub;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;

/**
 * The hub's meters ({@code herald.*}: subscribers, subscriptions started and ended by reason,
 * updates published, deliveries, history, readiness, publish and fan-out timings) in an
 * application's registry; Spring Boot binds a bean of this type to its registry by itself. Bind
 * it to one registry (a composite, if there are several): the hub has one timing observer.
 */
public final class HubMeterBinder implements MeterBinder {
    private final Hub hub;

    public HubMeterBinder(Hub hub) {
        this.hub = hub;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        HubMeters meters = new HubMeters(registry);
        meters.bind(hub.metrics());
        List<Meter> timings = new ArrayList<>();
        hub.setObserver(new TimingMeters(registry, timings));
    }
}
