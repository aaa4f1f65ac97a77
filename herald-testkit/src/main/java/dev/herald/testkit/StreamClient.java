package dev.herald.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber over a raw socket, so tests see exactly the bytes and headers the hub sends.
 * {@link #open} reads on a background thread; {@link #openWithoutReading} never reads, to play
 * a slow subscriber.
 */
public final class StreamClient implements AutoCloseable {
    private final Socket socket;
    private final SseTestParser parser = new SseTestParser();
    private final List<SseEvent> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch headersRead = new CountDownLatch(1);
    private final Map<String, String> headers = new LinkedHashMap<>();
    private volatile int status;
    private volatile boolean ended;
    private volatile String body = "";

    private StreamClient(Socket socket) {
        this.socket = socket;
    }

    public static String path(List<String> topics, Map<String, String> extraQuery) {
        StringBuilder sb = new StringBuilder("/.well-known/mercure?");
        List<String> parts = new ArrayList<>();
        for (String t : topics) {
            parts.add("topic=" + URLEncoder.encode(t, StandardCharsets.UTF_8));
        }
        extraQuery.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.append(String.join("&", parts)).toString();
    }

    /** Subscribes and reads events in the background. */
    public static StreamClient open(int port, String path, Map<String, String> requestHeaders) throws IOException {
        return connect(port, path, requestHeaders, 0).reading();
    }

    /**
     * Subscribes with {@code method} and a form {@code body} (e.g. {@code QUERY}, whose matchers
     * travel in the body) and reads events in the background.
     */
    public static StreamClient openWithBody(int port, String method, String path, String form) throws IOException {
        return connect(port, method, path, Map.of(), 0, form.getBytes(StandardCharsets.UTF_8)).reading();
    }

    public static StreamClient open(int port, String... topics) throws IOException {
        return open(port, path(List.of(topics), Map.of()), Map.of());
    }

    /** Subscribes with a tiny receive buffer and never reads: the hub's writes pile up. */
    public static StreamClient openWithoutReading(int port, String path) throws IOException {
        return connect(port, path, Map.of(), 4096);
    }

    private static StreamClient connect(int port, String path, Map<String, String> requestHeaders,
            int receiveBuffer) throws IOException {
        return connect(port, "GET", path, requestHeaders, receiveBuffer, null);
    }

    private static StreamClient connect(int port, String method, String path, Map<String, String> requestHeaders,
            int receiveBuffer, byte[] form) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return request(s, method, path, requestHeaders, form);
    }

    /** Subscribes on a socket the caller connected (a TLS one, say) and reads events in the background. */
    public static StreamClient openOn(Socket connected, String path) throws IOException {
        return request(connected, "GET", path, Map.of(), null).reading();
    }

    private static StreamClient request(Socket s, String method, String path, Map<String, String> requestHeaders,
            byte[] form) throws IOException {
        StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: text/event-stream\r\n");
        requestHeaders.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        if (form != null) {
            req.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
                    .append(form.length).append("\r\n");
        }
        req.append("\r\n");
        OutputStream out = s.getOutputStream();
        out.write(req.toString().getBytes(StandardCharsets.UTF_8));
        if (form != null) {
            out.write(form);
        }
        out.flush();
        return new StreamClient(s);
    }

    private StreamClient reading() {
        Thread reader = new Thread(this::readLoop, "test-stream-reader");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    private void readLoop() {
        try (InputStream raw = socket.getInputStream()) {
            readHead(raw);
            String encoding = headers.get("transfer-encoding");
            InputStream in = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")
                    ? new ChunkedInput(raw) : raw;
            byte[] buf = new byte[16384];
            int n;
            if (status != 200) {
                ByteArrayOutputStream rest = new ByteArrayOutputStream();
                while ((n = in.read(buf)) > 0) {
                    rest.write(buf, 0, n);
                }
                body = rest.toString(StandardCharsets.UTF_8);
                return;
            }
            while ((n = in.read(buf)) > 0) {
                events.addAll(parser.feed(buf, 0, n));
            }
        } catch (IOException e) {
            // connection closed by the hub or by close(): the test looks at ended
        } finally {
            ended = true;
            headersRead.countDown();
        }
    }

    private void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int prev3 = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            prev3 = (prev3 << 8 | b) & 0xFFFFFFFF;
            if (prev3 == 0x0D0A0D0A) {
                break;
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        if (lines.length > 0 && lines[0].startsWith("HTTP/1.")) {
            status = Integer.parseInt(lines[0].split(" ")[1]);
        }
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        headersRead.countDown();
    }

    /** Waits for the response head; returns the status. */
    public int awaitStatus() throws InterruptedException {
        if (!headersRead.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no response head within 10 s");
        }
        return status;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public List<SseEvent> events() {
        return events;
    }

    public String body() {
        return body;
    }

    public int comments() {
        return parser.comments();
    }

    public boolean ended() {
        return ended;
    }

    /** Waits until at least {@code count} events arrived; returns them. */
    public List<SseEvent> awaitEvents(int count, Duration timeout) throws InterruptedException {
        Poll.until(() -> events.size() >= count || ended, timeout,
                () -> "expected " + count + " events, got " + events.size());
        if (events.size() < count) {
            throw new AssertionError("stream ended after " + events.size() + " of " + count + " events");
        }
        return List.copyOf(events);
    }

    /** Waits until the hub closed this stream (or the connection broke); fails after {@code timeout}. */
    public void awaitEnded(Duration timeout) throws InterruptedException {
        Poll.until(() -> ended, timeout, () -> "the stream is still open");
    }

    /**
     * Watches for {@link Poll#QUIET}: fails if an event beyond the first {@code count} arrives, or
     * if the stream already holds more than {@code count}.
     */
    public void assertNoEventsBeyond(int count) throws InterruptedException {
        Poll.nothingArrives(() -> events.size() > count, () -> "events " + events.subList(count, events.size()));
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
