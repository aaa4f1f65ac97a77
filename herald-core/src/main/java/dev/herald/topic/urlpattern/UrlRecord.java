package dev.herald.topic.urlpattern;

import java.util.ArrayList;
import java.util.List;

/**
 * The URL Standard's mutable URL record, as the parser builds it. The host is kept serialized
 * (null: no host; "": the empty host) since nothing here needs its parsed form back.
 */
final class UrlRecord {

    String scheme = "";
    String username = "";
    String password = "";
    String host;
    /** -1 when null. */
    int port = -1;
    /** The path segments, unless {@link #opaquePath} is set. */
    final List<String> path = new ArrayList<>();
    /** Non-null when the URL has an opaque path. Builders, so that parsing long input stays linear. */
    StringBuilder opaquePath;
    StringBuilder query;
    StringBuilder fragment;

    /** The record URL Pattern's canonicalization parses components into: https://dummy.invalid/. */
    static UrlRecord dummy() {
        UrlRecord url = new UrlRecord();
        url.scheme = "https";
        url.host = "dummy.invalid";
        url.path.add("");
        return url;
    }

    boolean isSpecial() {
        return isSpecialScheme(scheme);
    }

    boolean hasOpaquePath() {
        return opaquePath != null;
    }

    boolean includesCredentials() {
        return !username.isEmpty() || !password.isEmpty();
    }

    void copyAuthorityFrom(UrlRecord base) {
        username = base.username;
        password = base.password;
        host = base.host;
        port = base.port;
    }

    void shortenPath() {
        if (scheme.equals("file") && path.size() == 1 && isNormalizedWindowsDriveLetter(path.get(0))) {
            return;
        }
        if (!path.isEmpty()) {
            path.remove(path.size() - 1);
        }
    }

    String pathString() {
        if (opaquePath != null) {
            return opaquePath.toString();
        }
        StringBuilder out = new StringBuilder();
        for (String segment : path) {
            out.append('/').append(segment);
        }
        return out.toString();
    }

    String serialize() {
        StringBuilder out = new StringBuilder(scheme).append(':');
        if (host != null) {
            out.append("//");
            if (includesCredentials()) {
                out.append(username);
                if (!password.isEmpty()) {
                    out.append(':').append(password);
                }
                out.append('@');
            }
            out.append(host);
            if (port >= 0) {
                out.append(':').append(port);
            }
        } else if (opaquePath == null && path.size() > 1 && path.get(0).isEmpty()) {
            out.append("/.");
        }
        out.append(pathString());
        if (query != null) {
            out.append('?').append(query);
        }
        if (fragment != null) {
            out.append('#').append(fragment);
        }
        return out.toString();
    }

    static boolean isSpecialScheme(String scheme) {
        return defaultPort(scheme) != -2;
    }

    /** The default port of a special scheme, -1 for file (none), -2 for a scheme that is not special. */
    static int defaultPort(String scheme) {
        switch (scheme) {
            case "http":
            case "ws":
                return 80;
            case "https":
            case "wss":
                return 443;
            case "ftp":
                return 21;
            case "file":
                return -1;
            default:
                return -2;
        }
    }

    static boolean isWindowsDriveLetter(CharSequence s) {
        return s.length() == 2 && isAsciiAlpha(s.charAt(0)) && (s.charAt(1) == ':' || s.charAt(1) == '|');
    }

    static boolean isNormalizedWindowsDriveLetter(CharSequence s) {
        return isWindowsDriveLetter(s) && s.charAt(1) == ':';
    }

    static boolean isAsciiAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
