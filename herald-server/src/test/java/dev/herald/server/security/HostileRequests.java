package dev.herald.server.security;

import dev.herald.testkit.Form;
import dev.herald.testkit.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Generates requests a hostile or broken client might send. Every one of them must be refused:
 * either it is malformed HTTP, or it lacks a token, or (sent with a valid publisher token) its
 * form or framing is invalid. None is a legitimate request that could get a 2xx.
 */
final class HostileRequests {
    static final String HUB = "/.well-known/mercure";

    /** One generated request; {@code slow} ones are incomplete and end with the request timeout. */
    record Hostile(String category, String label, byte[] bytes, boolean slow) {}

    private final Random random;
    private final String publisherToken;
    private final String subscriberToken;

    HostileRequests(long seed, String publisherToken, String subscriberToken) {
        this.random = new Random(seed);
        this.publisherToken = publisherToken;
        this.subscriberToken = subscriberToken;
    }

    List<Hostile> generate(int count) {
        List<Function<Integer, Hostile>> categories = List.of(this::requestLine, this::hugeHeaders,
                this::duplicatedHeaders, this::brokenChunked, this::invalidUtf8, this::controlCharacters,
                this::giantTopics, this::thousandsOfTopics, this::wrongContentTypes, this::badTokens);
        List<Hostile> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(categories.get(i % categories.size()).apply(random.nextInt(1_000_000)));
        }
        return out;
    }

    private Hostile requestLine(int n) {
        String[] lines = {"GARBAGE", "GET", "GET " + HUB, "GET / HTTP/1.1 extra", "GET " + HUB + "?topic=x HTTP/9.9", "GET " + HUB + "?topic=x HTTP/2.0", "GET / FOO/1.1",
            "get " + HUB + "?topic=x HTTP/1.1", "GE T / HTTP/1.1", " GET " + HUB + "?topic=x HTTP/1.1", "GET  HTTP/1.1",
            "DELETE " + HUB + " HTTP/1.1", "BREW " + HUB + " HTTP/1.1", "PUT " + HUB + " HTTP/1.1",
            "GET * HTTP/1.1", "GET http:// HTTP/1.1", "GET mailto:x@y HTTP/1.1", "GET %zz HTTP/1.1",
            "GET " + HUB + "?% HTTP/1.1", "GET " + HUB + "?topic=%G1 HTTP/1.1", "GET /nowhere HTTP/1.1",
            "GET http://evil.example/" + HUB.substring(1) + "?topic=x HTTP/1.1", "\t\t HTTP/1.1",
            "GET /\t/ HTTP/1.1", "GET /" + "x".repeat(9000) + " HTTP/1.1", "POST /stats HTTP/1.1",
            "GET " + HUB + "?topic=x HTTP/1.0"};
        int pick = n % (lines.length + 2);
        if (pick == lines.length) {
            return hostile("request-line", "binary garbage", concat(randomBytes(1 + random.nextInt(300)), crlf(2)));
        }
        if (pick == lines.length + 1) {
            byte[] hello = {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03};
            return hostile("request-line", "TLS ClientHello", concat(hello, randomBytes(160), crlf(2)));
        }
        return hostile("request-line", lines[pick], latin1(lines[pick] + "\r\nHost: h\r\n\r\n"));
    }

    private Hostile hugeHeaders(int n) {
        StringBuilder head = new StringBuilder("GET " + HUB + "?topic=x HTTP/1.1\r\nHost: h\r\n");
        String label;
        switch (n % 4) {
            case 0 -> {
                label = "one huge header";
                head.append("X-Huge: ").append("a".repeat(9000 + random.nextInt(60_000))).append("\r\n");
            }
            case 1 -> {
                label = "thousands of headers";
                for (int i = 0, k = 600 + random.nextInt(3000); i < k; i++) {
                    head.append("X-H").append(i).append(": v\r\n");
                }
            }
            case 2 -> {
                label = "huge cookie";
                head.append("Cookie: mercureAuthorization=").append("e".repeat(20_000)).append("\r\n");
            }
            default -> {
                label = "huge authorization";
                head.append("Authorization: Bearer ").append("x.y.".repeat(5000)).append("\r\n");
            }
        }
        return hostile("huge-headers", label, latin1(head.append("\r\n").toString()));
    }

    private Hostile duplicatedHeaders(int n) {
        String body = "topic=x&data=y";
        return switch (n % 7) {
            case 0 -> hostile("duplicated-headers", "two Content-Length", latin1("POST " + HUB + " HTTP/1.1\r\nHost: h\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 14\r\nContent-Length: 3\r\n\r\n" + body));
            case 1 -> hostile("duplicated-headers", "Content-Length and chunked", latin1("POST " + HUB + " HTTP/1.1\r\nHost: h\r\n"
                    + "Content-Length: 14\r\nTransfer-Encoding: chunked\r\n\r\ne\r\n" + body + "\r\n0\r\n\r\n"));
            case 2 -> hostile("duplicated-headers", "two Transfer-Encoding", latin1("POST " + HUB + " HTTP/1.1\r\nHost: h\r\n"
                    + "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\ne\r\n" + body + "\r\n0\r\n\r\n"));
            case 3 -> hostile("duplicated-headers", "many Authorization", latin1(get("?topic=x",
                    "Authorization: Bearer a.b.c\r\n".repeat(2 + random.nextInt(200)))));
            case 4 -> hostile("duplicated-headers", "two Host", latin1(get("?topic=x", "Host: other\r\n")));
            case 5 -> hostile("duplicated-headers", "many Cookie", latin1(get("?topic=x",
                    "Cookie: mercureAuthorization=x\r\n".repeat(2 + random.nextInt(50)))));
            default -> hostile("duplicated-headers", "Last-Event-ID twice", latin1(get("?topic=x",
                    "Last-Event-ID: a\r\nLast-Event-ID: b\r\n")));
        };
    }

    private Hostile brokenChunked(int n) {
        String head = "POST " + HUB + " HTTP/1.1\r\nHost: h\r\nAuthorization: Bearer " + publisherToken
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n";
        String[][] bodies = {
            {"size not hex", "zz\r\ntopic=x\r\n0\r\n\r\n"},
            {"negative size", "-1\r\ntopic=x\r\n0\r\n\r\n"},
            {"size overflow", "ffffffffffffffffffffffff\r\ntopic=x\r\n0\r\n\r\n"},
            {"more data than size", "3\r\ntopic=x&data=y\r\n0\r\n\r\n"},
            {"no CRLF after data", "7\r\ntopic=x0\r\n\r\n"},
            {"huge extension", "7;" + "e".repeat(20_000) + "\r\ntopic=x\r\n0\r\n\r\n"},
            {"bad trailer", "7\r\ntopic=x\r\n0\r\nBad Trailer\r\n\r\n"},
            {"invalid form in chunks", "5\r\n%zz=1\r\n0\r\n\r\n"},
            {"over the body limit", ("4000\r\n" + "a".repeat(0x4000) + "\r\n").repeat(8) + "0\r\n\r\n"},
        };
        if (n % 40 == 0) {
            return new Hostile("broken-chunked", "size larger than the data sent", latin1(head + "ff\r\ntopic=x"), true);
        }
        if (n % 40 == 1) {
            return new Hostile("broken-chunked", "no last chunk", latin1(head + "7\r\ntopic=x\r\n"), true);
        }
        String[] b = bodies[n % bodies.length];
        return hostile("broken-chunked", b[0], latin1(head + b[1]));
    }

    private Hostile invalidUtf8(int n) {
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
        byte[] b = bad[random.nextInt(bad.length)];
        String pct = percent(b);
        return switch (n % 5) {
            case 0 -> hostile("invalid-utf8", "topic query", latin1(get("?topic=" + pct, "")));
            case 1 -> hostile("invalid-utf8", "raw bytes in target", concat(latin1("GET " + HUB + "?topic="), b,
                    latin1(" HTTP/1.1\r\nHost: h\r\n\r\n")));
            case 2 -> hostile("invalid-utf8", "form field", form("application/x-www-form-urlencoded",
                    (random.nextBoolean() ? "topic=" + pct : "topic=x&data=" + pct)));
            case 3 -> hostile("invalid-utf8", "raw form bytes", form("application/x-www-form-urlencoded",
                    new String(concat(latin1("topic=x&id="), b), StandardCharsets.ISO_8859_1)));
            default -> hostile("invalid-utf8", "Last-Event-ID", concat(latin1(get("?topic=x", "Authorization: Bearer "
                    + subscriberToken + "\r\nLast-Event-ID: ").replace("\r\n\r\n", "\r\n")), b, latin1("\r\n\r\n")));
        };
    }

    private Hostile controlCharacters(int n) {
        String c = new String[] {"\r", "\n", "\0", "\r\n"}[random.nextInt(4)];
        String e = new String[] {"%0D", "%0A", "%00", "%0D%0A"}[random.nextInt(4)];
        String label = "CR/LF/NUL in ";
        return switch (n % 11) {
            case 0 -> hostile("control-chars", label + "method", latin1("GE" + c + "T " + HUB + "?topic=x HTTP/1.1\r\nHost: h\r\n\r\n"));
            case 1 -> hostile("control-chars", label + "target", latin1("GET " + HUB + "?topic=a" + c + "b HTTP/1.1\r\nHost: h\r\n\r\n"));
            case 2 -> hostile("control-chars", label + "version", latin1("GET " + HUB + "?topic=x HTTP/1" + c + ".1\r\nHost: h\r\n\r\n"));
            case 3 -> hostile("control-chars", label + "header name", latin1(get("?topic=x", "X-Fo" + c + "o: v\r\n")));
            case 4 -> hostile("control-chars", label + "header value", latin1(get("?topic=x", "X-Foo: a" + c + "b\r\n")));
            case 5 -> hostile("control-chars", label + "Authorization", latin1(get("?topic=x",
                    "Authorization: Bearer " + subscriberToken.substring(0, 20) + c + "x\r\n")));
            case 6 -> hostile("control-chars", label + "query fields", latin1(get("?topic=a" + e + "&lastEventID=" + e
                    + "&authorization=" + e, "")));
            case 7 -> hostile("control-chars", label + "id", form("application/x-www-form-urlencoded", "topic=x&id=a" + e));
            case 8 -> hostile("control-chars", label + "type", form("application/x-www-form-urlencoded", "topic=x&type=t" + e));
            case 9 -> hostile("control-chars", label + "retry", form("application/x-www-form-urlencoded", "topic=x&retry=1" + e));
            default -> hostile("control-chars", "NUL in topic", form("application/x-www-form-urlencoded", "topic=a%00b&data=x"));
        };
    }

    private Hostile giantTopics(int n) {
        return switch (n % 3) {
            case 0 -> hostile("giant-topics", "topic in URL over the line limit",
                    latin1(get("?topic=" + "t".repeat(9000 + random.nextInt(100_000)), "")));
            case 1 -> hostile("giant-topics", "topic in URL without token", latin1(get("?topic=" + "t".repeat(7000), "")));
            default -> hostile("giant-topics", "published topic over the body limit",
                    form("application/x-www-form-urlencoded", "topic=" + "t".repeat(70_000 + random.nextInt(200_000))));
        };
    }

    private Hostile thousandsOfTopics(int n) {
        return switch (n % 3) {
            case 0 -> hostile("thousands-of-topics", "subscribe, 900 topics", latin1(get("?" + "topic=x&".repeat(900), "")));
            case 1 -> hostile("thousands-of-topics", "subscribe, 5000 topics", latin1(get("?" + "topic=x&".repeat(5000), "")));
            default -> hostile("thousands-of-topics", "publish, 5000 topics",
                    form("application/x-www-form-urlencoded", "topic=x&".repeat(5000) + "data=y"));
        };
    }

    private Hostile wrongContentTypes(int n) {
        String[] types = {"text/plain", "application/json", "multipart/form-data; boundary=x", "text/event-stream",
            "application/x-www-form-urlencoded; charset=iso-8859-1", "application/x-www-form-urlencodedX", "", "*/*",
            "application/x-www-form-urlencoded; charset=utf-16"};
        int pick = n % (types.length + 1);
        if (pick == types.length) {
            return hostile("wrong-content-type", "none", RawHttp.request("POST", HUB,
                    RawHttp.headers("Host", "h", "Authorization", "Bearer " + publisherToken),
                    latin1(Form.encode("topic", "x", "data", "y"))));
        }
        String type = types[pick];
        return hostile("wrong-content-type", type.isEmpty() ? "empty" : type, form(type, "topic=x&data=y"));
    }

    private Hostile badTokens(int n) {
        String[] tokens = {"", "a.b.c", "....", "null", "eyJhbGciOiJub25lIn0.e30.", new String(randomAscii(200)),
            "Basic dXNlcjpwYXNz", "x".repeat(4000)};
        String t = tokens[n % tokens.length];
        String auth = t.startsWith("Basic") ? t : "Bearer " + t;
        return n % 2 == 0
                ? hostile("bad-tokens", "subscribe " + t.length(), latin1(get("?topic=x", "Authorization: " + auth + "\r\n")))
                : hostile("bad-tokens", "publish " + t.length(), RawHttp.request("POST", HUB,
                        RawHttp.headers("Host", "h", "Authorization", auth, "Content-Type", Form.CONTENT_TYPE),
                        latin1(Form.encode("topic", "x", "data", "y"))));
    }

    private static Hostile hostile(String category, String label, byte[] bytes) {
        return new Hostile(category, label, bytes, false);
    }

    private static String get(String query, String extraHeaders) {
        return "GET " + HUB + query + " HTTP/1.1\r\nHost: h\r\n" + extraHeaders + "\r\n";
    }

    /** A publish with the valid publisher token: only the body (raw, not encoded here) or content type is wrong. */
    private byte[] form(String contentType, String body) {
        return RawHttp.request("POST", HUB, RawHttp.headers("Host", "h", "Authorization", "Bearer " + publisherToken,
                "Content-Type", contentType), latin1(body));
    }


    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private char[] randomAscii(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) (33 + random.nextInt(94));
        }
        return c;
    }

    private static String percent(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append('%').append(String.format("%02X", b & 0xFF));
        }
        return sb.toString();
    }

    private static byte[] crlf(int n) {
        return latin1("\r\n".repeat(n));
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
