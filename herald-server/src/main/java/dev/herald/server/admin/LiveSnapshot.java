package dev.herald.server.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.herald.hub.CloseReason;
import dev.herald.hub.HubMetrics;
import dev.herald.hub.HubStats;
import dev.herald.transport.TransportHealth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;

/**
 * One console stream's snapshots as JSON. Rates are the counters' growth since this stream's
 * previous snapshot, so each viewer sees rates over its own interval; the first snapshot has none.
 * Not thread-safe: one per stream, used on its event loop.
 */
final class LiveSnapshot {
    private static final JsonFactory JSON = new JsonFactory();
    /** Topics listed by subscriber count; the total says how many there are in all. */
    static final int TOP_TOPICS = 20;

    private final ConsoleSources sources;
    private long previousNanos = -1;
    private long previousPublished;
    private long previousDeliveries;

    LiveSnapshot(ConsoleSources sources) {
        this.sources = sources;
    }

    byte[] next(long nowNanos, long epochMillis) {
        HubMetrics metrics = sources.hub().metrics();
        HubStats stats = sources.hub().stats();
        long published = metrics.updatesPublished();
        long deliveries = metrics.deliveries();
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("time", epochMillis);
            connections(g, stats.subscribers());
            topics(g, stats.subscribersBySelector());
            g.writeNumberField("published", published);
            g.writeNumberField("publishFailures", metrics.publishFailures());
            g.writeNumberField("deliveries", deliveries);
            g.writeNumberField("deliveredBytes", metrics.deliveredBytes());
            rates(g, nowNanos, published, deliveries);
            disconnects(g, metrics);
            history(g, metrics);
            errors(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        previousNanos = nowNanos;
        previousPublished = published;
        previousDeliveries = deliveries;
        return out.toByteArray();
    }

    /** The hub does not keep subscriber counts per protocol or HTTP version, so none are shown. */
    private void connections(JsonGenerator g, int subscribers) throws IOException {
        int open = sources.openConnections().getAsInt();
        g.writeObjectFieldStart("connections");
        g.writeNumberField("subscribers", subscribers);
        g.writeNumberField("open", open);
        g.writeNumberField("others", Math.max(0, open - subscribers));
        g.writeEndObject();
    }

    private static void topics(JsonGenerator g, Map<String, Integer> bySelector) throws IOException {
        g.writeObjectFieldStart("topics");
        g.writeNumberField("total", bySelector.size());
        g.writeArrayFieldStart("top");
        for (Map.Entry<String, Integer> e : top(bySelector, TOP_TOPICS)) {
            g.writeStartObject();
            g.writeStringField("selector", e.getKey());
            g.writeNumberField("subscribers", e.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Most subscribers first, ties by name; a bounded heap, so a hub with many topics sorts only n. */
    static List<Map.Entry<String, Integer>> top(Map<String, Integer> bySelector, int n) {
        Comparator<Map.Entry<String, Integer>> order = Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey());
        PriorityQueue<Map.Entry<String, Integer>> heap = new PriorityQueue<>(n + 1, order.reversed());
        for (Map.Entry<String, Integer> e : bySelector.entrySet()) {
            heap.add(e);
            if (heap.size() > n) {
                heap.poll();
            }
        }
        List<Map.Entry<String, Integer>> top = new ArrayList<>(heap);
        top.sort(order);
        return top;
    }

    private void rates(JsonGenerator g, long nowNanos, long published, long deliveries) throws IOException {
        g.writeObjectFieldStart("rates");
        if (previousNanos < 0 || nowNanos <= previousNanos) {
            g.writeNullField("intervalSeconds");
            g.writeNullField("publishedPerSecond");
            g.writeNullField("deliveriesPerSecond");
        } else {
            double seconds = (nowNanos - previousNanos) / 1e9;
            g.writeNumberField("intervalSeconds", round(seconds));
            g.writeNumberField("publishedPerSecond", round((published - previousPublished) / seconds));
            g.writeNumberField("deliveriesPerSecond", round((deliveries - previousDeliveries) / seconds));
        }
        g.writeEndObject();
    }

    private void disconnects(JsonGenerator g, HubMetrics metrics) throws IOException {
        g.writeObjectFieldStart("disconnects");
        g.writeNumberField("client_gone", metrics.subscriptionsEndedByClient());
        for (CloseReason reason : CloseReason.values()) {
            g.writeNumberField(reason.name().toLowerCase(Locale.ROOT), metrics.subscriptionsEndedByHub(reason));
        }
        if (sources.deadClients() != null) {
            g.writeNumberField("dead_client_timeout", sources.deadClients().sum());
        }
        g.writeEndObject();
        g.writeNumberField("subscriptionsStarted", metrics.subscriptionsStarted());
    }

    private void history(JsonGenerator g, HubMetrics metrics) throws IOException {
        OptionalLong retained = metrics.retainedUpdates();
        g.writeObjectFieldStart("history");
        if (retained.isPresent()) {
            g.writeNumberField("retained", retained.getAsLong());
        } else {
            g.writeNullField("retained");
        }
        g.writeEndObject();
        TransportHealth health = metrics.health();
        g.writeObjectFieldStart("transport");
        g.writeBooleanField("ready", health.ready());
        g.writeStringField("reason", health.reason());
        g.writeBooleanField("draining", sources.drain().draining());
        g.writeEndObject();
    }

    private void errors(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("recentErrors");
        for (RecentErrors.Entry e : sources.errors().newestFirst()) {
            g.writeStartObject();
            g.writeStringField("time", e.time().toString());
            g.writeNumberField("status", e.status());
            g.writeStringField("method", e.method());
            g.writeStringField("path", e.path());
            g.writeStringField("message", e.message());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
