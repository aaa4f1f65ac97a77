package dev.herald.protocol;

import dev.herald.topic.urlpattern.WhatwgUrl;
import java.util.Optional;

/**
 * The topics publishers may not use (Mercure 1.0): those whose path, once resolved against the
 * hub URL, is the hub's path or below it, whatever their scheme or authority. That namespace is
 * the hub's own (subscription events live there), so a publisher cannot forge them. Dot segments
 * are removed (the URL parser does it, {@code %2e} included) and percent-encoded unreserved
 * characters decoded before comparing, so {@code /.well-known/%6Dercure/x} or
 * {@code /a/../.well-known/mercure} do not slip through. A topic that is not a URL reference
 * cannot name a hub path and is allowed.
 */
public final class ReservedNamespace {
    /** The last segment of the hub path (/.well-known/mercure). */
    private static final String LAST_SEGMENT = HubUrls.HUB_PATH.substring(HubUrls.HUB_PATH.lastIndexOf('/') + 1);

    private ReservedNamespace() {}

    public static boolean addresses(String topic, String hubUrl) {
        // Publishes are frequent and almost never near the namespace. Whether absolute or relative
        // (a relative path resolves next to the hub's, "mercure/x" to /.well-known/mercure/x), a
        // topic that resolves into it spells the hub path's last segment, unless escaped (control
        // characters, which the URL parser would strip, are refused before this).
        if (topic.indexOf('%') < 0 && !topic.contains(LAST_SEGMENT)) {
            return false;
        }
        WhatwgUrl hub = WhatwgUrl.parse(hubUrl, null);
        Optional<WhatwgUrl> url = WhatwgUrl.tryParse(topic, hub);
        if (url.isEmpty() || url.get().hasOpaquePath()) {
            return false;
        }
        String path = decodeUnreserved(url.get().path());
        String hubPath = hub.path();
        return path.equals(hubPath) || path.startsWith(hubPath.endsWith("/") ? hubPath : hubPath + "/");
    }

    /** Decodes {@code %XX} escapes of RFC 3986 unreserved characters (ALPHA, DIGIT, -, ., _, ~). */
    static String decodeUnreserved(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                int value = Character.digit(path.charAt(i + 1), 16) << 4 | Character.digit(path.charAt(i + 2), 16);
                if (Character.digit(path.charAt(i + 1), 16) >= 0 && Character.digit(path.charAt(i + 2), 16) >= 0
                        && isUnreserved(value)) {
                    out.append((char) value);
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
