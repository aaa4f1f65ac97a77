package dev.herald.topic;

/** Matches only the topic equal to the selector, character for character. */
record ExactSelector(String source) implements TopicSelector {

    ExactSelector {
        if (source == null || source.isEmpty()) {
            throw new IllegalArgumentException("topic selector must not be empty");
        }
    }

    @Override
    public boolean matches(String topic) {
        return source.equals(topic);
    }

    @Override
    public boolean isExact() {
        return true;
    }
}
