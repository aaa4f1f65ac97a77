package dev.herald.server.testing;

import dev.herald.testkit.Form;
import dev.herald.testkit.HubStats;
import dev.herald.testkit.Poll;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.SseTestParser;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/2 client on ONE connection (TLS with ALPN h2, or cleartext by prior knowledge) whose
 * flow control the test drives: a stream opened with {@code consume = false} never gives its
 * window back, as a client that stopped reading it; the connection window is large, so such a
 * stream cannot stall its siblings through it.
 */
public final class H2Client implements AutoCloseable {
    private static final int CONNECTION_WINDOW = 64 * 1024 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;
    private final Frames frames;
    private final String scheme;
    private final String authority;

    private H2Client(EventLoopGroup group, Channel channel, Frames frames, String scheme, int port) {
        this.group = group;
        this.channel = channel;
        this.frames = frames;
        this.scheme = scheme;
        this.authority = "127.0.0.1:" + port;
    }

    /** Over TLS, trusting {@code certificate} only, offering h2 alone by ALPN. */
    public static H2Client overTls(int port, X509Certificate certificate, int streamWindow) throws Exception {
        // The JDK's TLS on this side, whichever the hub uses.
        SslContext ssl = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(certificate)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.FATAL_ALERT,
                        ApplicationProtocolNames.HTTP_2))
                .build();
        return connect(port, ssl, streamWindow);
    }

    /** Cleartext HTTP/2 by prior knowledge (h2c): the connection opens with the HTTP/2 preface. */
    public static H2Client cleartext(int port, int streamWindow) throws Exception {
        return connect(port, null, streamWindow);
    }

    private static H2Client connect(int port, SslContext ssl, int streamWindow) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Frames frames = new Frames();
        try {
            Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (ssl != null) {
                                ch.pipeline().addLast(ssl.newHandler(ch.alloc(), "127.0.0.1", port));
                            }
                            ch.pipeline().addLast(Http2FrameCodecBuilder.forClient()
                                    .initialSettings(Http2Settings.defaultSettings().initialWindowSize(streamWindow))
                                    .build());
                            ch.pipeline().addLast(frames);
                        }
                    })
                    .connect("127.0.0.1", port).sync().channel();
            if (ssl != null) {
                channel.pipeline().get(SslHandler.class).handshakeFuture().sync();
            }
            channel.writeAndFlush(new DefaultHttp2WindowUpdateFrame(CONNECTION_WINDOW)).sync();
            return new H2Client(group, channel, frames, ssl != null ? "https" : "http", port);
        } catch (Exception | Error e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * Opens a GET stream; {@code consume}: whether its received bytes are given back to its window.
     * @param namesAndValues extra request headers, lower case
     */
    public Stream get(String pathAndQuery, boolean consume, String... namesAndValues) {
        Http2Headers h = headers("GET", pathAndQuery);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return open(h, null, true, consume);
    }

    /** A form POST on a stream of its own. */
    public Stream post(String pathAndQuery, String form) {
        Http2Headers h = headers("POST", pathAndQuery).set("content-type", "application/x-www-form-urlencoded");
        return open(h, Unpooled.copiedBuffer(form, StandardCharsets.UTF_8), true, true);
    }

    /** A POST whose body never ends: its stream stays open from the client's side. */
    public Stream postUnfinished(String pathAndQuery, String formStart) {
        Http2Headers h = headers("POST", pathAndQuery).set("content-type", "application/x-www-form-urlencoded");
        return open(h, Unpooled.copiedBuffer(formStart, StandardCharsets.UTF_8), false, true);
    }

    private Http2Headers headers(String method, String path) {
        return new DefaultHttp2Headers().method(method).scheme(scheme).authority(authority).path(path);
    }

    /** @param end whether the request ends with its body (or its headers, without one) */
    private Stream open(Http2Headers headers, ByteBuf body, boolean end, boolean consume) {
        Stream stream = new Stream(consume);
        channel.eventLoop().execute(() -> {
            Http2FrameStream s = frames.newStream();
            frames.streams.put(s, stream);
            stream.frameStream = s;
            channel.write(new DefaultHttp2HeadersFrame(headers, end && body == null).stream(s));
            if (body != null) {
                channel.write(new DefaultHttp2DataFrame(body, end).stream(s));
            }
            channel.flush();
        });
        return stream;
    }

    /** A GET answered completely: waits for its end. */
    public Stream fetch(String pathAndQuery, String... namesAndValues) {
        return get(pathAndQuery, true, namesAndValues).awaitEnd();
    }

    /** Publishes on a stream of this connection; fails the test unless the hub answers 200. Returns the id. */
    public String publish(String topic, String data) {
        Stream s = post("/.well-known/mercure", Form.encode("topic", topic, "data", data)).awaitEnd();
        if (s.status() != 200) {
            throw new AssertionError("publish over HTTP/2 answered " + s.status() + ": " + s.body());
        }
        return s.body();
    }

    public HubStats stats() {
        return HubStats.parse(fetch("/stats").body());
    }

    /** Cancels a stream as a client that closes it does (RST_STREAM CANCEL). */
    public void reset(Stream stream) {
        channel.eventLoop().execute(() -> channel.writeAndFlush(
                new DefaultHttp2ResetFrame(Http2Error.CANCEL).stream(stream.frameStream)));
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Whether the server sent GOAWAY. */
    public boolean goneAway() {
        return frames.goAway;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** What one stream received; read from the test thread while frames arrive. */
    public static final class Stream {
        private final boolean consume;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final SseTestParser parser = new SseTestParser();
        private final List<SseEvent> events = new ArrayList<>();
        private volatile Http2Headers headers;
        private volatile Long resetCode;
        private volatile boolean ended;
        /** Set on the event loop as the stream opens; used there only. */
        private Http2FrameStream frameStream;

        Stream(boolean consume) {
            this.consume = consume;
        }

        /** The response status, or 0 before the headers came. */
        public int status() {
            Http2Headers h = headers;
            return h == null || h.status() == null ? 0 : Integer.parseInt(h.status().toString());
        }

        public String header(String name) {
            Http2Headers h = headers;
            CharSequence v = h == null ? null : h.get(name);
            return v == null ? null : v.toString();
        }

        public synchronized List<SseEvent> events() {
            return List.copyOf(events);
        }

        public synchronized String body() {
            return body.toString(StandardCharsets.UTF_8);
        }

        public synchronized int bytesReceived() {
            return body.size();
        }

        /** The RST_STREAM error code the server sent, or null. */
        public Long resetCode() {
            return resetCode;
        }

        /** Waits until the server ended or reset the stream. */
        public Stream awaitEnd() {
            Poll.until("the end of an HTTP/2 stream", () -> ended || resetCode != null);
            return this;
        }

        /** Waits for the response headers (or the stream's end without them); the status, 0 if none came. */
        public int awaitStatus() {
            Poll.until("the response to an HTTP/2 request", () -> status() != 0 || ended || resetCode != null);
            return status();
        }

        /** Whether the server ended the stream normally (END_STREAM). */
        public boolean ended() {
            return ended;
        }

        private synchronized void data(ByteBuf content) {
            byte[] bytes = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), bytes);
            body.write(bytes, 0, bytes.length);
            events.addAll(parser.feed(bytes, 0, bytes.length));
        }
    }

    private static final class Frames extends Http2ChannelDuplexHandler {
        final Map<Http2FrameStream, Stream> streams = new ConcurrentHashMap<>();
        volatile boolean goAway;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2HeadersFrame h) {
                    Stream s = streams.get(h.stream());
                    if (s.headers == null) {
                        s.headers = h.headers();
                    }
                    s.ended |= h.isEndStream();
                } else if (msg instanceof Http2DataFrame d) {
                    Stream s = streams.get(d.stream());
                    s.data(d.content());
                    if (s.consume && d.initialFlowControlledBytes() > 0) {
                        ctx.write(new DefaultHttp2WindowUpdateFrame(d.initialFlowControlledBytes()).stream(d.stream()));
                    }
                    s.ended |= d.isEndStream();
                } else if (msg instanceof Http2ResetFrame r) {
                    streams.get(r.stream()).resetCode = r.errorCode();
                } else if (msg instanceof Http2GoAwayFrame) {
                    goAway = true;
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            ctx.fireChannelReadComplete();
        }
    }
}
