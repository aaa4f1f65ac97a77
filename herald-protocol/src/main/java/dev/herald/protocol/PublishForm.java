package dev.herald.protocol;

import dev.herald.event.InvalidUpdateException;
import dev.herald.event.Update;
import java.util.List;
import java.util.Map;

/** A publish request's form fields, validated into an {@link Update}. */
public final class PublishForm {
    /** The event type of the hub's own updates (subscription events): publishers may not forge them. */
    public static final String RESERVED_TYPE = "mercure";

    private PublishForm() {}

    /**
     * @param maxTopics the most {@code topic} fields accepted
     * @param hubUrl the hub's URL as the request reached it, against which topics are resolved to
     *     keep them out of the hub's reserved namespace
     * @throws BadRequestException naming the field: too many topics (413), the reserved type, a
     *     topic in the reserved namespace, or anything {@link Update.Builder} refuses
     */
    public static Update parse(Map<String, List<String>> form, int maxTopics, String hubUrl) {
        List<String> topics = form.getOrDefault("topic", List.of());
        if (topics.size() > maxTopics) {
            throw new BadRequestException(BadRequestException.PAYLOAD_TOO_LARGE, "Too many \"topic\" parameters: "
                    + topics.size() + " (limit " + maxTopics + ")");
        }
        if (RESERVED_TYPE.equals(first(form, "type"))) {
            throw new BadRequestException("Invalid \"type\" parameter: mercure is reserved for the hub's own events");
        }
        Update update;
        try {
            update = Update.builder()
                    .topics(topics)
                    .data(first(form, "data"))
                    .id(first(form, "id"))
                    .type(first(form, "type"))
                    .retry(first(form, "retry"))
                    .privateUpdate(form.containsKey("private"))
                    .build();
        } catch (InvalidUpdateException e) {
            throw new BadRequestException(e.getMessage());
        }
        for (String topic : update.topics()) {
            if (ReservedNamespace.addresses(topic, hubUrl)) {
                throw new BadRequestException("Invalid \"topic\" parameter: " + topic
                        + " is in the hub's reserved namespace (" + HubUrls.HUB_PATH + " and below)");
            }
        }
        return update;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null ? null : values.get(0);
    }
}
