package dev.herald.topic.urlpattern;

import java.util.Map;

/**
 * What a URL pattern captured from a matching URL, component by component (the standard's
 * URLPatternResult without its echo of the inputs).
 */
public record UrlPatternResult(
        ComponentResult protocol,
        ComponentResult username,
        ComponentResult password,
        ComponentResult hostname,
        ComponentResult port,
        ComponentResult pathname,
        ComponentResult search,
        ComponentResult hash) {

    /**
     * One component: the canonicalized value that was matched, and the groups by name ({@code :id}
     * gives "id"; unnamed groups are numbered "0", "1", ...). An optional group that took no part
     * maps to null.
     */
    public record ComponentResult(String input, Map<String, String> groups) {}
}
