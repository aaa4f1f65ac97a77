package dev.herald.server.auth;

import dev.herald.server.http.RawHttp;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hub requests with exactly the headers a test chooses (Origin, Cookie, Authorization …). */
public final class Requests {
    public static final String HUB = "/.well-known/mercure";

    private Requests() {}

    /** POSTs a form built from {@code fields} (name, value, name, value …). */
    public static RawHttp.Response publish(int port, Map<String, String> headers, String... fields)
            throws IOException {
        return publishTo(port, HUB, headers, fields);
    }

    public static RawHttp.Response publishTo(int port, String target, Map<String, String> headers, String... fields)
            throws IOException {
        byte[] body = form(fields).getBytes(StandardCharsets.UTF_8);
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/x-www-form-urlencoded");
        all.put("Content-Length", String.valueOf(body.length));
        return RawHttp.exchange(port, concat(head("POST", target, all), body));
    }

    /** A request whose response is not a stream (an error, a preflight …). */
    public static RawHttp.Response request(int port, String method, String target, Map<String, String> headers)
            throws IOException {
        return RawHttp.exchange(port, head(method, target, headers));
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    public static String form(String... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /** {@code /.well-known/mercure?topic=…&topic=…}. */
    public static String subscribePath(List<String> topics) {
        return dev.herald.testkit.StreamClient.path(topics, Map.of());
    }

    private static byte[] head(String method, String target, Map<String, String> headers) {
        StringBuilder sb = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\nConnection: close\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
