package dev.herald.protocol;

import java.util.regex.Pattern;

/**
 * The hub's URL as a request reached it, the base against which URL patterns resolve relative
 * patterns and topics: {@code http://<Host>/.well-known/mercure}, {@code https://} when it came over TLS.
 */
public final class HubUrls {
    /** The path of the Mercure endpoint. */
    public static final String HUB_PATH = "/.well-known/mercure";
    /** A host name, IPv4 or bracketed IPv6 address, with an optional port. */
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

    private HubUrls() {}

    public static String of(HubRequest request) {
        String host = request.header("Host");
        if (host == null || !HOST.matcher(host).matches()) {
            host = "localhost";
        }
        return (request.secure() ? "https://" : "http://") + host + HUB_PATH;
    }
}
