package dev.herald.topic.urlpattern;

import static dev.herald.topic.urlpattern.UrlPatternInit.Name.HASH;
import static dev.herald.topic.urlpattern.UrlPatternInit.Name.HOSTNAME;
import static dev.herald.topic.urlpattern.UrlPatternInit.Name.PASSWORD;
import static dev.herald.topic.urlpattern.UrlPatternInit.Name.PATHNAME;
import static dev.herald.topic.urlpattern.UrlPatternInit.Name.PORT;
import static dev.herald.topic.urlpattern.UrlPatternInit.Name.PROTOCOL;
import static dev.herald.topic.urlpattern.UrlPatternInit.Name.SEARCH;
import static dev.herald.topic.urlpattern.UrlPatternInit.Name.USERNAME;

import dev.herald.topic.urlpattern.UrlPatternInit.Name;

/**
 * The standard's "process a URLPatternInit": fills components from the base URL where the init
 * leaves them out (never from a less specific component than one it sets), strips the ':', '?' and
 * '#' separators, and for a URL (as opposed to a pattern) canonicalizes every component.
 */
final class InitProcessor {

    private InitProcessor() {}

    /**
     * @param pattern true to process a pattern (components stay pattern strings), false for a URL
     * @param defaultValue the value of components nothing sets: null for a pattern, "" for a URL
     * @throws IllegalArgumentException for an invalid base URL or, for a URL, an invalid component
     */
    static UrlPatternInit process(UrlPatternInit init, boolean pattern, String defaultValue) {
        UrlPatternInit result = new UrlPatternInit();
        for (Name name : Name.values()) {
            result.set(name, defaultValue);
        }
        UrlRecord base = null;
        if (init.baseUrl() != null) {
            base = UrlParser.parse(init.baseUrl(), null);
            if (base == null) {
                throw new IllegalArgumentException("invalid base URL '" + init.baseUrl() + "'");
            }
            inheritFromBase(init, pattern, base, result);
        }
        if (init.has(PROTOCOL)) {
            String value = stripSuffix(init.get(PROTOCOL), ':');
            result.set(PROTOCOL, pattern ? value : Canonicalizer.protocol(value));
        }
        if (init.has(USERNAME)) {
            result.set(USERNAME, pattern ? init.get(USERNAME) : Canonicalizer.username(init.get(USERNAME)));
        }
        if (init.has(PASSWORD)) {
            result.set(PASSWORD, pattern ? init.get(PASSWORD) : Canonicalizer.password(init.get(PASSWORD)));
        }
        if (init.has(HOSTNAME)) {
            result.set(HOSTNAME, pattern ? init.get(HOSTNAME) : Canonicalizer.hostname(init.get(HOSTNAME)));
        }
        String protocol = result.has(PROTOCOL) ? result.get(PROTOCOL) : "";
        if (init.has(PORT)) {
            result.set(PORT, pattern ? init.get(PORT) : Canonicalizer.port(init.get(PORT), protocol));
        }
        if (init.has(PATHNAME)) {
            String pathname = init.get(PATHNAME);
            if (base != null && !base.hasOpaquePath() && !isAbsolutePathname(pathname, pattern)) {
                // A relative pathname resolves against the base URL's directory.
                String basePath = processBaseUrlString(base.pathString(), pattern);
                int slash = basePath.lastIndexOf('/');
                if (slash >= 0) {
                    pathname = basePath.substring(0, slash + 1) + pathname;
                }
            }
            if (!pattern) {
                pathname = protocol.isEmpty() || UrlRecord.isSpecialScheme(protocol)
                        ? Canonicalizer.pathname(pathname)
                        : Canonicalizer.opaquePathname(pathname);
            }
            result.set(PATHNAME, pathname);
        }
        if (init.has(SEARCH)) {
            String value = stripPrefix(init.get(SEARCH), '?');
            result.set(SEARCH, pattern ? value : Canonicalizer.search(value));
        }
        if (init.has(HASH)) {
            String value = stripPrefix(init.get(HASH), '#');
            result.set(HASH, pattern ? value : Canonicalizer.hash(value));
        }
        return result;
    }

    private static void inheritFromBase(UrlPatternInit init, boolean pattern, UrlRecord base, UrlPatternInit result) {
        if (!init.has(PROTOCOL)) {
            result.set(PROTOCOL, processBaseUrlString(base.scheme, pattern));
        }
        if (!pattern && noneOf(init, PROTOCOL, HOSTNAME, PORT, USERNAME)) {
            result.set(USERNAME, base.username);
        }
        if (!pattern && noneOf(init, PROTOCOL, HOSTNAME, PORT, USERNAME, PASSWORD)) {
            result.set(PASSWORD, base.password);
        }
        if (noneOf(init, PROTOCOL, HOSTNAME)) {
            result.set(HOSTNAME, processBaseUrlString(base.host == null ? "" : base.host, pattern));
        }
        if (noneOf(init, PROTOCOL, HOSTNAME, PORT)) {
            result.set(PORT, base.port < 0 ? "" : Integer.toString(base.port));
        }
        if (noneOf(init, PROTOCOL, HOSTNAME, PORT, PATHNAME)) {
            result.set(PATHNAME, processBaseUrlString(base.pathString(), pattern));
        }
        if (noneOf(init, PROTOCOL, HOSTNAME, PORT, PATHNAME, SEARCH)) {
            result.set(SEARCH, processBaseUrlString(base.query == null ? "" : base.query.toString(), pattern));
        }
        if (noneOf(init, PROTOCOL, HOSTNAME, PORT, PATHNAME, SEARCH, HASH)) {
            result.set(HASH, processBaseUrlString(base.fragment == null ? "" : base.fragment.toString(), pattern));
        }
    }

    private static boolean noneOf(UrlPatternInit init, Name... names) {
        for (Name name : names) {
            if (init.has(name)) {
                return false;
            }
        }
        return true;
    }

    /** A base URL's component used in a pattern is literal text: escape the pattern syntax in it. */
    private static String processBaseUrlString(String input, boolean pattern) {
        return pattern ? PatternStringGenerator.escapePatternString(input) : input;
    }

    static boolean isAbsolutePathname(String input, boolean pattern) {
        if (input.isEmpty()) {
            return false;
        }
        if (input.charAt(0) == '/') {
            return true;
        }
        if (!pattern || input.length() < 2) {
            return false;
        }
        return (input.charAt(0) == '\\' || input.charAt(0) == '{') && input.charAt(1) == '/';
    }

    private static String stripSuffix(String value, char c) {
        return !value.isEmpty() && value.charAt(value.length() - 1) == c ? value.substring(0, value.length() - 1) : value;
    }

    private static String stripPrefix(String value, char c) {
        return !value.isEmpty() && value.charAt(0) == c ? value.substring(1) : value;
    }
}
