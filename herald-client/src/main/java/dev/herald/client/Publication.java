package dev.herald.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One update to publish to a Herald (or any Mercure) hub.
 *
 * @param topics one or more topics, canonical first
 * @param data the payload; may be empty or multi-line
 * @param id the event id, or null to let the hub generate one
 * @param type the SSE event type, or null for {@code message}
 * @param retry the reconnection time for subscribers in milliseconds, or null
 * @param privateUpdate true to send it only to authorized subscribers
 */
public record Publication(List<String> topics, String data, String id, String type, Long retry, boolean privateUpdate) {

    public Publication {
        topics = List.copyOf(topics);
        Objects.requireNonNull(data, "data");
    }

    /** A public update of {@code data} on {@code topic}, with a hub-generated id. */
    public static Publication of(String topic, String data) {
        return builder().topic(topic).data(data).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a publication; {@link #build()} names the first invalid field. */
    public static final class Builder {
        private final List<String> topics = new ArrayList<>();
        private String data = "";
        private String id;
        private String type;
        private Long retry;
        private boolean privateUpdate;

        private Builder() {}

        /** Adds a topic; the first one is canonical. */
        public Builder topic(String topic) {
            topics.add(Objects.requireNonNull(topic, "topic"));
            return this;
        }

        public Builder data(String data) {
            this.data = Objects.requireNonNull(data, "data");
            return this;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder retry(Long retryMillis) {
            this.retry = retryMillis;
            return this;
        }

        public Builder privateUpdate(boolean privateUpdate) {
            this.privateUpdate = privateUpdate;
            return this;
        }

        /** @throws IllegalArgumentException naming the invalid field and value */
        public Publication build() {
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("at least one topic is required");
            }
            for (String t : topics) {
                if (t.isEmpty()) {
                    throw new IllegalArgumentException("topic must not be empty");
                }
            }
            if (id != null && (id.isEmpty() || breaksLine(id))) {
                throw new IllegalArgumentException("id must be non-empty without CR, LF or NUL: \"" + escape(id) + "\"");
            }
            if (type != null && (type.isEmpty() || breaksLine(type))) {
                throw new IllegalArgumentException("type must be non-empty without CR, LF or NUL: \""
                        + escape(type) + "\"");
            }
            if (retry != null && retry < 0) {
                throw new IllegalArgumentException("retry must not be negative: " + retry);
            }
            return new Publication(topics, data, id, type, retry, privateUpdate);
        }

        private static boolean breaksLine(String s) {
            return s.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0);
        }

        private static String escape(String s) {
            return s.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
        }
    }
}
