package dev.herald.topic;

import java.util.Objects;

/**
 * Compiles Mercure 1.0 topic matchers. The value {@code *} is the wildcard whatever the type; an
 * {@link MatcherType#EXACT} matcher compares byte for byte; a {@link MatcherType#URLPATTERN}
 * matcher is a WHATWG URL Pattern evaluated in linear time (RE2/J). (0.x selectors, with RFC 6570
 * templates, come from {@link TopicSelector#parse}.)
 */
public final class TopicMatchers {
    /** The reserved wildcard value, recognized before the matcher type. */
    public static final String WILDCARD = WildcardSelector.SOURCE;

    private TopicMatchers() {}

    /**
     * @param hubUrl the hub's absolute URL, against which a URL pattern resolves relative patterns
     *     and topics
     * @throws IllegalArgumentException naming the problem when {@code value} is not a valid
     *     matcher of its type
     */
    public static TopicSelector compile(MatcherType type, String value, String hubUrl) {
        Objects.requireNonNull(type, "type");
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a topic matcher must not be empty");
        }
        if (value.equals(WILDCARD)) {
            return WildcardSelector.INSTANCE;
        }
        return switch (type) {
            case EXACT -> new ExactSelector(value);
            case URLPATTERN -> UrlPatternSelector.compile(value, hubUrl);
        };
    }
}
