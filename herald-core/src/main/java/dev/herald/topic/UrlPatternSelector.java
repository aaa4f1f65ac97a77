package dev.herald.topic;

import dev.herald.topic.urlpattern.UrlPattern;

/**
 * A Mercure 1.0 {@code urlpattern} matcher: a WHATWG URL Pattern whose relative pattern and
 * relative topics resolve against the hub URL. A topic that is not a URL reference never matches.
 */
record UrlPatternSelector(String source, UrlPattern pattern) implements TopicSelector {

    static UrlPatternSelector compile(String source, String hubUrl) {
        return new UrlPatternSelector(source, UrlPattern.compile(source, hubUrl));
    }

    @Override
    public boolean matches(String topic) {
        return pattern.matches(topic);
    }

    @Override
    public boolean isExact() {
        return false;
    }
}
