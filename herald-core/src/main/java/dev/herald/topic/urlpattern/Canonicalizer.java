package dev.herald.topic.urlpattern;

/**
 * URL Pattern's encoding callbacks: each canonicalizes a piece of one component the way the URL
 * parser would, by running it (with a state override) into a dummy https URL. They throw
 * IllegalArgumentException for text the component cannot hold.
 */
final class Canonicalizer {

    private Canonicalizer() {}

    static String protocol(String value) {
        if (value.isEmpty()) {
            return value;
        }
        UrlRecord url = UrlParser.parse(value + "://dummy.invalid/", null);
        if (url == null) {
            throw invalid("protocol", value);
        }
        return url.scheme;
    }

    static String username(String value) {
        return PercentEncoding.USERINFO.encode(value);
    }

    static String password(String value) {
        return PercentEncoding.USERINFO.encode(value);
    }

    static String hostname(String value) {
        if (value.isEmpty()) {
            return value;
        }
        UrlRecord url = UrlRecord.dummy();
        if (!UrlParser.parseInto(value, url, UrlState.HOSTNAME)) {
            throw invalid("hostname", value);
        }
        return url.host == null ? "" : url.host;
    }

    static String ipv6Hostname(String value) {
        StringBuilder result = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!PercentEncoding.isHex(c) && c != '[' && c != ']' && c != ':') {
                throw invalid("IPv6 hostname", value);
            }
            result.append(Character.toLowerCase(c));
        }
        return result.toString();
    }

    /** Canonicalizes a port; {@code protocol} (nullable) decides which default port becomes "". */
    static String port(String value, String protocol) {
        if (value.isEmpty()) {
            return value;
        }
        UrlRecord url = UrlRecord.dummy();
        if (protocol != null) {
            url.scheme = protocol;
        }
        if (!UrlParser.parseInto(value, url, UrlState.PORT)) {
            throw invalid("port", value);
        }
        return url.port < 0 ? "" : Integer.toString(url.port);
    }

    static String pathname(String value) {
        if (value.isEmpty()) {
            return value;
        }
        // The parser would prepend a slash to a piece of a path; "/-" stands in for it (the "-"
        // keeps a leading "." from reading as a dot segment) and is cut off again.
        boolean leadingSlash = value.charAt(0) == '/';
        UrlRecord url = UrlRecord.dummy();
        url.path.clear();
        UrlParser.parseInto(leadingSlash ? value : "/-" + value, url, UrlState.PATH_START);
        String result = url.pathString();
        return leadingSlash ? result : result.substring(2);
    }

    static String opaquePathname(String value) {
        if (value.isEmpty()) {
            return value;
        }
        UrlRecord url = UrlRecord.dummy();
        url.path.clear();
        url.opaquePath = new StringBuilder();
        if (!UrlParser.parseInto(value, url, UrlState.OPAQUE_PATH)) {
            throw invalid("pathname", value);
        }
        return url.pathString();
    }

    static String search(String value) {
        if (value.isEmpty()) {
            return value;
        }
        UrlRecord url = UrlRecord.dummy();
        url.query = new StringBuilder();
        UrlParser.parseInto(value, url, UrlState.QUERY);
        return url.query.toString();
    }

    static String hash(String value) {
        if (value.isEmpty()) {
            return value;
        }
        UrlRecord url = UrlRecord.dummy();
        url.fragment = new StringBuilder();
        UrlParser.parseInto(value, url, UrlState.FRAGMENT);
        return url.fragment.toString();
    }

    private static IllegalArgumentException invalid(String component, String value) {
        return new IllegalArgumentException("invalid " + component + " '" + value + "'");
    }
}
