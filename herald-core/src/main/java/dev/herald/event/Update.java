package dev.herald.event;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One update as a publisher sent it. The first topic is canonical; the others are alternates that
 * subscribers may select as well.
 *
 * @param id opaque event id sent to clients as the SSE {@code id}
 * @param topics one or more topics, canonical first
 * @param data payload, possibly multi-line; never null (empty when absent)
 * @param type SSE event type, or null for the default {@code message}
 * @param retry reconnection time in milliseconds for clients, or null
 * @param privateUpdate true when only authorized subscribers may receive it
 */
public record Update(
        String id, List<String> topics, String data, String type, Long retry, boolean privateUpdate) {

    /** The topic value reserved for the wildcard matcher, which cannot name one topic. */
    public static final String WILDCARD = "*";
    /** The id value reserved for "resume from the oldest update retained". */
    public static final String EARLIEST = "earliest";

    public Update {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(data, "data");
        topics = List.copyOf(topics);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The canonical topic. */
    public String topic() {
        return topics.get(0);
    }

    /** Builds an update, checking every field that could break SSE framing. */
    public static final class Builder {
        private String id;
        private List<String> topics = List.of();
        private String data = "";
        private String type;
        private Long retry;
        private boolean privateUpdate;

        private Builder() {}

        /** Sets the id; null means the hub generates {@code urn:uuid:<random>}. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder topics(List<String> topics) {
            this.topics = topics;
            return this;
        }

        public Builder topic(String topic) {
            this.topics = List.of(topic);
            return this;
        }

        public Builder data(String data) {
            this.data = data == null ? "" : data;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder retry(Long retry) {
            this.retry = retry;
            return this;
        }

        /** Parses {@code retry} as the form sends it: ASCII digits only. */
        public Builder retry(String retry) {
            if (retry == null) {
                this.retry = null;
                return this;
            }
            if (retry.isEmpty() || !retry.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new InvalidUpdateException("retry", "Invalid \"retry\" parameter: must be ASCII digits only");
            }
            try {
                this.retry = Long.parseLong(retry);
            } catch (NumberFormatException e) {
                throw new InvalidUpdateException("retry", "Invalid \"retry\" parameter: too large");
            }
            return this;
        }

        public Builder privateUpdate(boolean privateUpdate) {
            this.privateUpdate = privateUpdate;
            return this;
        }

        /** @throws InvalidUpdateException naming the first invalid field */
        public Update build() {
            if (topics == null || topics.isEmpty()) {
                throw new InvalidUpdateException("topic", "Missing \"topic\" parameter");
            }
            for (String topic : topics) {
                if (topic == null || topic.isEmpty()) {
                    throw new InvalidUpdateException("topic", "Invalid \"topic\" parameter: must not be empty");
                }
                if (topic.equals(WILDCARD)) {
                    throw new InvalidUpdateException("topic",
                            "Invalid \"topic\" parameter: * is the wildcard that matches every topic, not a topic");
                }
                checkCharacters("topic", topic);
            }
            String finalId = id == null ? "urn:uuid:" + UUID.randomUUID() : id;
            if (finalId.isEmpty()) {
                throw new InvalidUpdateException("id", "Invalid \"id\" parameter: must not be empty");
            }
            if (finalId.startsWith("#")) {
                throw new InvalidUpdateException("id", "Invalid \"id\" parameter: must not start with #");
            }
            if (finalId.equals(EARLIEST)) {
                throw new InvalidUpdateException("id",
                        "Invalid \"id\" parameter: earliest is reserved (it asks to resume from the oldest update)");
            }
            checkCharacters("id", finalId);
            if (type != null) {
                if (type.isEmpty()) {
                    throw new InvalidUpdateException("type", "Invalid \"type\" parameter: must not be empty");
                }
                checkCharacters("type", type);
            }
            if (retry != null && retry < 0) {
                throw new InvalidUpdateException("retry", "Invalid \"retry\" parameter: must not be negative");
            }
            return new Update(finalId, topics, data, type, retry, privateUpdate);
        }

        /** No control or format character: they could break the SSE framing or hide text. */
        private static void checkCharacters(String field, String value) {
            String problem = TextRules.controlOrFormatProblem(value);
            if (problem != null) {
                throw new InvalidUpdateException(field, "Invalid \"" + field + "\" parameter: " + problem);
            }
        }
    }
}
