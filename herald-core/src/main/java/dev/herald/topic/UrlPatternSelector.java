package dev.herald.topic;

import dev.herald.topic.urlpattern.UrlPattern;
import dev.herald.topic.urlpattern.WhatwgUrl;

/**
 * A Mercure 1.0 {@code urlpattern} matcher: a WHATWG URL Pattern whose relative pattern and
 * relative topics resolve against the hub URL. A topic that is not a URL reference never matches.
 */
final class UrlPatternSelector implements TopicSelector {
    /**
     * The topic parsed last on this thread. A fan-out asks every pattern subscriber of a lane
     * about the same topic string, one after the other on the lane's thread: parsing it once
     * instead of once per subscriber is most of the cost of matching.
     */
    private static final ThreadLocal<ParsedTopic> LAST = ThreadLocal.withInitial(ParsedTopic::new);

    private final String source;
    private final String hubUrl;
    private final WhatwgUrl base;
    private final UrlPattern pattern;

    private UrlPatternSelector(String source, String hubUrl, WhatwgUrl base, UrlPattern pattern) {
        this.source = source;
        this.hubUrl = hubUrl;
        this.base = base;
        this.pattern = pattern;
    }

    static UrlPatternSelector compile(String source, String hubUrl) {
        UrlPattern pattern = UrlPattern.compile(source, hubUrl);
        WhatwgUrl base = hubUrl == null ? null : WhatwgUrl.parse(hubUrl, null);
        return new UrlPatternSelector(source, hubUrl, base, pattern);
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public boolean matches(String topic) {
        if (topic == null) {
            return false;
        }
        ParsedTopic last = LAST.get();
        if (last.topic != topic || !last.hubUrl.equals(hubUrl == null ? "" : hubUrl)) {
            last.topic = topic;
            last.hubUrl = hubUrl == null ? "" : hubUrl;
            last.url = WhatwgUrl.tryParse(topic, base).orElse(null);
        }
        return last.url != null && pattern.matches(last.url);
    }

    @Override
    public boolean isExact() {
        return false;
    }

    @Override
    public String toString() {
        return "UrlPatternSelector[" + source + "]";
    }

    /** Mutable, one per thread. */
    private static final class ParsedTopic {
        String topic;
        String hubUrl = "";
        WhatwgUrl url;
    }
}
