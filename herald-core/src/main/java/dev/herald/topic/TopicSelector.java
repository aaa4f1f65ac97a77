package dev.herald.topic;

/**
 * Decides whether a topic is selected by a subscriber's {@code topic} parameter or a token's
 * claim. A selector is the exact topic string, the wildcard {@code *}, or an RFC 6570 URI template.
 * Implementations are immutable and thread-safe.
 */
public interface TopicSelector {

    /** The selector as the client wrote it. */
    String source();

    /** True if this selector matches {@code topic}. */
    boolean matches(String topic);

    /** True when the selector only ever matches the one topic equal to {@link #source()}. */
    boolean isExact();

    /**
     * Parses a selector. A string with a well-formed {@code {expression}} is a URI template,
     * {@code *} matches every topic, anything else is matched exactly.
     *
     * @throws IllegalArgumentException naming the problem when the selector is empty or a
     *     template is malformed (unbalanced braces, bad operator or variable name)
     */
    static TopicSelector parse(String selector) {
        return TopicSelectors.parse(selector);
    }
}
