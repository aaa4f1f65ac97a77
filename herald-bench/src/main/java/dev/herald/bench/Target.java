package dev.herald.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The server under test and how to speak to it: Herald (Mercure), Nchan, or the bare C
 * broadcaster that sets the fan-out floor ({@code bench/floor/broadcaster.c}, Nchan's request shapes).
 */
enum Target {
    HERALD("Herald") {
        @Override
        String subscribePath(String topic) {
            return "/.well-known/mercure?topic=" + enc(topic);
        }

        @Override
        FullHttpRequest publish(ByteBufAllocator alloc, String host, String topic, String data) {
            ByteBuf body = alloc.buffer().writeBytes(
                    ("topic=" + enc(topic) + "&data=" + enc(data)).getBytes(StandardCharsets.US_ASCII));
            return request("/.well-known/mercure", host, body, "application/x-www-form-urlencoded");
        }
    },
    NCHAN("Nchan"),
    FLOOR("Floor");

    private final String label;

    Target(String label) {
        this.label = label;
    }

    String subscribePath(String topic) {
        return "/events?topic=" + enc(topic);
    }

    /** A keep-alive publish request whose body carries {@code data} unchanged. */
    FullHttpRequest publish(ByteBufAllocator alloc, String host, String topic, String data) {
        ByteBuf body = alloc.buffer().writeBytes(data.getBytes(StandardCharsets.US_ASCII));
        return request("/publish?topic=" + enc(topic), host, body, "text/plain");
    }

    FullHttpRequest subscribe(String host, String topic) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, subscribePath(topic));
        r.headers().set(HttpHeaderNames.HOST, host)
                .set(HttpHeaderNames.ACCEPT, "text/event-stream")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        return r;
    }

    static Target parse(String name) {
        for (Target t : values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown --target " + name + ": herald, nchan or floor");
    }

    String label() {
        return label;
    }

    private static FullHttpRequest request(String uri, String host, ByteBuf body, String contentType) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri, body);
        r.headers().set(HttpHeaderNames.HOST, host)
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        return r;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
