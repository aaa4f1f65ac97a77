package dev.herald.protocol.auth;

/**
 * Reads one cookie's value from a {@code Cookie} header (RFC 6265 section 4.2), strictly: a pair
 * whose name is not a token or whose value holds characters outside {@code cookie-octet} (after
 * removing one pair of surrounding double quotes) is skipped, as if absent.
 */
final class CookieHeader {
    private CookieHeader() {}

    /** The value of the first valid cookie named {@code name}, or null. */
    static String value(String header, String name) {
        int start = 0;
        while (start <= header.length()) {
            int end = header.indexOf(';', start);
            if (end < 0) {
                end = header.length();
            }
            String pair = header.substring(start, end).trim();
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name) && isToken(name)) {
                String value = unquoted(pair.substring(eq + 1).trim());
                if (value != null && isCookieValue(value)) {
                    return value;
                }
            }
            start = end + 1;
        }
        return null;
    }

    private static String unquoted(String value) {
        boolean opens = value.startsWith("\"");
        boolean closes = value.length() > 1 && value.endsWith("\"");
        if (opens != closes) {
            return null;
        }
        return opens ? value.substring(1, value.length() - 1) : value;
    }

    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return !name.isEmpty();
    }

    /** {@code cookie-octet}: visible ASCII except DQUOTE, comma, semicolon and backslash. */
    private static boolean isCookieValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
