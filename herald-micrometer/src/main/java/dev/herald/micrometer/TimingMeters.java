package dev.herald.micrometer;

import dev.herald.hub.HubObserver;
import dev.herald.transport.TransportClosedException;
import dev.herald.transport.TransportOverloadedException;
import dev.herald.transport.TransportUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The hub's timings as Micrometer timers: publish→stored, and per fan-out pass the wait for the
 * event loop and the writing. Called once per publish and once per pass, never per delivery.
 */
public final class TimingMeters implements HubObserver {
    /** Fixed buckets, 100 µs to 10 s: few series, and the same on every hub so they aggregate. */
    private static final Duration[] BUCKETS = {
        Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
        Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    private final Timer publish;
    private final Timer queued;
    private final Timer writing;
    private final Counter unavailable;
    private final Counter overloaded;
    private final Counter closed;
    private final Counter error;

    /** @param registered collects the meters added */
    public TimingMeters(MeterRegistry registry, List<Meter> registered) {
        publish = timer(registry, "herald.publish",
                "From a publish to the transport's answer that it stored the update (durably, if durable)");
        queued = timer(registry, "herald.fanout.queue",
                "How long a fan-out pass waited for its event loop after updates were handed to it");
        writing = timer(registry, "herald.fanout.write",
                "How long one event loop took to match and write a batch of updates to its subscribers");
        unavailable = failures(registry, "unavailable");
        overloaded = failures(registry, "overloaded");
        closed = failures(registry, "closed");
        error = failures(registry, "error");
        registered.addAll(List.of(publish, queued, writing, unavailable, overloaded, closed, error));
    }

    private static Timer timer(MeterRegistry registry, String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(BUCKETS).register(registry);
    }

    private static Counter failures(MeterRegistry registry, String cause) {
        return Counter.builder("herald.publish.failures").tag("cause", cause)
                .description("Publishes the transport refused, by cause").register(registry);
    }

    @Override
    public void publishAnswered(long nanos, Throwable failure) {
        if (failure == null) {
            publish.record(nanos, TimeUnit.NANOSECONDS);
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TransportUnavailableException) {
            unavailable.increment();
        } else if (cause instanceof TransportOverloadedException) {
            overloaded.increment();
        } else if (cause instanceof TransportClosedException) {
            closed.increment();
        } else {
            error.increment();
        }
    }

    @Override
    public void fanOutPass(long queuedNanos, long writingNanos, int updates) {
        queued.record(queuedNanos, TimeUnit.NANOSECONDS);
        writing.record(writingNanos, TimeUnit.NANOSECONDS);
    }
}
