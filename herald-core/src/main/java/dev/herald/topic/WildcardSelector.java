package dev.herald.topic;

/** The Mercure wildcard {@code *}: selects every topic. */
enum WildcardSelector implements TopicSelector {
    INSTANCE;

    static final String SOURCE = "*";

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public boolean matches(String topic) {
        return topic != null;
    }

    @Override
    public boolean isExact() {
        return false;
    }

    @Override
    public String toString() {
        return "WildcardSelector[*]";
    }
}
