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
import java.util.Locale;

/** The server under test and how to speak to it: Herald (Mercure) or Nchan. */
enum Target {
    HERALD {
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
    NCHAN {
        @Override
        String subscribePath(String topic) {
            return "/events?topic=" + enc(topic);
        }

        @Override
        FullHttpRequest publish(ByteBufAllocator alloc, String host, String topic, String data) {
            ByteBuf body = alloc.buffer().writeBytes(data.getBytes(StandardCharsets.US_ASCII));
            return request("/publish?topic=" + enc(topic), host, body, "text/plain");
        }
    };

    abstract String subscribePath(String topic);

    /** A keep-alive publish request whose body carries {@code data} unchanged. */
    abstract FullHttpRequest publish(ByteBufAllocator alloc, String host, String topic, String data);

    FullHttpRequest subscribe(String host, String topic) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, subscribePath(topic));
        r.headers().set(HttpHeaderNames.HOST, host)
                .set(HttpHeaderNames.ACCEPT, "text/event-stream")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        return r;
    }

    static Target parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    String label() {
        return this == HERALD ? "Herald" : "Nchan";
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
