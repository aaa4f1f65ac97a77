package dev.herald.topic;

/** Picks the {@link TopicSelector} implementation for a selector string. */
final class TopicSelectors {

    private TopicSelectors() {}

    static TopicSelector parse(String selector) {
        if (selector == null || selector.isEmpty()) {
            throw new IllegalArgumentException("topic selector must not be empty");
        }
        if (selector.equals(WildcardSelector.SOURCE)) {
            return WildcardSelector.INSTANCE;
        }
        // Only '{' opens an expression, so a stray '}' alone leaves the topic exact.
        if (selector.indexOf('{') >= 0) {
            return UriTemplateSelector.compile(selector);
        }
        return new ExactSelector(selector);
    }
}
