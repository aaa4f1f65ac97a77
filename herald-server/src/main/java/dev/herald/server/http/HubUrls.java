package dev.herald.server.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.regex.Pattern;

/**
 * The hub's URL as a request reached it, the base against which URL patterns resolve relative
 * patterns and topics: {@code http://<Host>/.well-known/mercure}, {@code https://} when it came over TLS.
 */
final class HubUrls {
    /** A host name, IPv4 or bracketed IPv6 address, with an optional port. */
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

    private HubUrls() {}

    /** @param channel the request's connection, or its HTTP/2 stream */
    static String of(Channel channel, HttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host == null || !HOST.matcher(host).matches()) {
            host = "localhost";
        }
        return (TlsChannels.isTls(channel) ? "https://" : "http://") + host + RequestRouter.HUB_PATH;
    }
}
