package dev.herald.protocol.presence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.herald.presence.ActiveSubscription;
import dev.herald.presence.SubscriptionPage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON documents of subscription events and of the subscriptions API, in both protocols:
 * 1.0 ({@code type: subscription}, {@code match_type} and {@code match}) and 0.x JSON-LD
 * ({@code @context}, {@code type: Subscription}, {@code topic}, {@code lastEventID} in API answers).
 */
public final class SubscriptionDocuments {
    /** The 0.x JSON-LD context. */
    static final String LEGACY_CONTEXT = "https://mercure.rocks/";
    private static final JsonFactory JSON = new JsonFactory();

    private SubscriptionDocuments() {}

    /** The 1.0 document of one subscription, as its events carry it and the API serves it. */
    public static String subscription(ActiveSubscription s, boolean active) {
        return render(g -> writeSubscription(g, s, active));
    }

    /** The 0.x document of one subscription; {@code lastEventId} is null inside events and collections. */
    public static String legacySubscription(ActiveSubscription s, boolean active, String lastEventId) {
        return render(g -> writeLegacySubscription(g, s, active, true, lastEventId));
    }

    /**
     * A 1.0 collection.
     *
     * @param id the path it was retrieved at
     */
    public static String collection(String id, SubscriptionPage page) {
        return render(g -> {
            g.writeStartObject();
            g.writeStringField("id", id);
            g.writeStringField("type", "subscriptions");
            g.writeNumberField("total", page.total());
            g.writeArrayFieldStart("subscriptions");
            for (ActiveSubscription s : page.subscriptions()) {
                writeSubscription(g, s, true);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** A 0.x collection, which carries the reconciliation cursor in its body. */
    public static String legacyCollection(String id, SubscriptionPage page, String lastEventId) {
        return render(g -> {
            g.writeStartObject();
            g.writeStringField("@context", LEGACY_CONTEXT);
            g.writeStringField("id", id);
            g.writeStringField("type", "Subscriptions");
            g.writeStringField("lastEventID", lastEventId);
            g.writeNumberField("total", page.total());
            g.writeArrayFieldStart("subscriptions");
            for (ActiveSubscription s : page.subscriptions()) {
                writeLegacySubscription(g, s, true, false, null);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeSubscription(JsonGenerator g, ActiveSubscription s, boolean active) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.topic());
        g.writeStringField("type", "subscription");
        g.writeStringField("match_type", s.matchType());
        g.writeStringField("match", s.match());
        g.writeStringField("subscriber", s.subscriber());
        g.writeBooleanField("active", active);
        writePayload(g, s);
        g.writeEndObject();
    }

    private static void writeLegacySubscription(JsonGenerator g, ActiveSubscription s, boolean active,
            boolean withContext, String lastEventId) throws IOException {
        g.writeStartObject();
        if (withContext) {
            g.writeStringField("@context", LEGACY_CONTEXT);
        }
        g.writeStringField("id", s.legacyTopic());
        g.writeStringField("type", "Subscription");
        g.writeStringField("topic", s.match());
        g.writeStringField("subscriber", s.subscriber());
        g.writeBooleanField("active", active);
        writePayload(g, s);
        if (lastEventId != null) {
            g.writeStringField("lastEventID", lastEventId);
        }
        g.writeEndObject();
    }

    /** The payload was parsed and re-serialized from a verified token: it is one JSON object. */
    private static void writePayload(JsonGenerator g, ActiveSubscription s) throws IOException {
        if (s.payloadJson() != null) {
            g.writeFieldName("payload");
            g.writeRawValue(s.payloadJson());
        }
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String render(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
