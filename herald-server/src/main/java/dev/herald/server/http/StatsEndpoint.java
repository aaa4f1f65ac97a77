package dev.herald.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.herald.hub.Hub;
import dev.herald.hub.HubStats;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /stats}: the hub's counters as JSON, for people and scripts. */
final class StatsEndpoint {
    private static final JsonFactory JSON = new JsonFactory();

    private final Hub hub;

    StatsEndpoint(Hub hub) {
        this.hub = hub;
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        Responses.send(ctx, request, HttpResponseStatus.OK, "application/json", toJson(hub.stats()));
    }

    static byte[] toJson(HubStats stats) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("subscribers", stats.subscribers());
            g.writeObjectFieldStart("subscribersByTopic");
            for (Map.Entry<String, Integer> e : new TreeMap<>(stats.subscribersBySelector()).entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeNumberField("updatesPublished", stats.updatesPublished());
            g.writeNumberField("slowSubscribersDisconnected", stats.slowSubscribersDisconnected());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
