package dev.herald.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hub requests over a raw socket with exactly the headers a test chooses (Origin, Cookie,
 * Authorization …), one exchange per connection.
 */
public final class HubRequests {
    public static final String HUB = "/.well-known/mercure";

    private HubRequests() {}

    /** POSTs a form built from {@code fields} (name, value, name, value …) to the hub. */
    public static RawHttp.Response publish(int port, Map<String, String> headers, String... fields)
            throws IOException {
        return publishTo(port, HUB, headers, fields);
    }

    /** POSTs a form built from {@code fields} to {@code target} (the hub path with a query, say). */
    public static RawHttp.Response publishTo(int port, String target, Map<String, String> headers, String... fields)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", Form.CONTENT_TYPE);
        return RawHttp.exchange(port, request("POST", target, all,
                Form.encode(fields).getBytes(StandardCharsets.UTF_8)));
    }

    /** A request whose response is not a stream (an error, a preflight …). */
    public static RawHttp.Response request(int port, String method, String target, Map<String, String> headers)
            throws IOException {
        return RawHttp.exchange(port, request(method, target, headers, null));
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** {@code /.well-known/mercure?topic=…&topic=…}. */
    public static String subscribePath(List<String> topics) {
        return StreamClient.path(topics, Map.of());
    }

    /** The request's bytes, with {@code Host} and {@code Connection: close} ahead of {@code headers}. */
    private static byte[] request(String method, String target, Map<String, String> headers, byte[] body) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "localhost");
        all.put("Connection", "close");
        all.putAll(headers);
        return RawHttp.request(method, target, all, body);
    }
}
