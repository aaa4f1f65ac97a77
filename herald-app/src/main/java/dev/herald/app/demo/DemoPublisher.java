package dev.herald.app.demo;

import dev.herald.event.Update;
import dev.herald.hub.Hub;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic demo feeds: a ticker on {@code demo/ticker} every 2 s and a clock on
 * {@code demo/clock} every second.
 */
public final class DemoPublisher implements AutoCloseable {
    public static final String TICKER_TOPIC = "demo/ticker";
    public static final String CLOCK_TOPIC = "demo/clock";
    private static final Logger log = LoggerFactory.getLogger(DemoPublisher.class);

    private final Hub hub;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "herald-demo");
        t.setDaemon(true);
        return t;
    });

    public DemoPublisher(Hub hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    public void start() {
        timer.scheduleAtFixedRate(this::tick, 0, 2, TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(this::clock, 0, 1, TimeUnit.SECONDS);
    }

    /** {@code {"timestamp": <unix s>, "message": "Hello at <RFC 1123 time>"}}. */
    static String tickerMessage(java.time.Instant now) {
        String rfc1123 = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC));
        return "{\"timestamp\": " + now.getEpochSecond() + ", \"message\": \"Hello at " + rfc1123 + "\"}";
    }

    /** {@code {"clock": "<RFC 3339 time>"}}. */
    static String clockMessage(java.time.Instant now) {
        return "{\"clock\": \"" + now.truncatedTo(ChronoUnit.SECONDS) + "\"}";
    }

    private void tick() {
        publish(TICKER_TOPIC, tickerMessage(clock.instant()));
    }

    private void clock() {
        publish(CLOCK_TOPIC, clockMessage(clock.instant()));
    }

    private void publish(String topic, String data) {
        try {
            hub.publish(Update.builder().topic(topic).data(data).build());
        } catch (RuntimeException e) {
            log.warn("Demo publish to {} failed", topic, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
