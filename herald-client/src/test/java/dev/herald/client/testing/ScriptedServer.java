package dev.herald.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw-socket HTTP/1.1 server for client tests: one request per connection, each answered by the
 * next queued {@link Script} (the last one repeats). Records every request with the time it arrived.
 */
public final class ScriptedServer implements AutoCloseable {

    /** How to answer one request. */
    @FunctionalInterface
    public interface Script {
        void answer(Exchange exchange) throws IOException;
    }

    /** A request as it reached the server. Header names are lower case; values are ISO-8859-1 chars of the raw bytes. */
    public record Request(String method, String target, Map<String, String> headers, long arrivedNanos) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** The server side of one connection. */
    public static final class Exchange {
        private final Socket socket;
        private final OutputStream out;

        Exchange(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        public Exchange write(String text) throws IOException {
            return write(text.getBytes(StandardCharsets.UTF_8));
        }

        public Exchange write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
            return this;
        }

        /** A 200 {@code text/event-stream} head; the body then lasts until the connection closes. */
        public Exchange streamHead() throws IOException {
            return head(200, "OK", "Content-Type: text/event-stream\r\nCache-Control: no-cache\r\n");
        }

        public Exchange head(int status, String reason, String extraHeaders) throws IOException {
            return write("HTTP/1.1 " + status + " " + reason + "\r\nConnection: close\r\n" + extraHeaders + "\r\n");
        }

        /** Waits (bounded) until the client closes its side: the way to hold a stream open. */
        public void awaitClientClose() throws IOException {
            socket.setSoTimeout(20_000);
            InputStream in = socket.getInputStream();
            try {
                while (in.read() >= 0) {
                    // discard
                }
            } catch (IOException closedOrTimedOut) {
                // either way, done
            }
        }
    }

    private final ServerSocket serverSocket;
    private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final List<Request> allRequests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile Script last;
    private volatile boolean closed;

    public ScriptedServer() throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "scripted-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Queues the answers of the next requests, in order; the last one answers every later request. */
    public ScriptedServer then(Script... answers) {
        scripts.addAll(List.of(answers));
        return this;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + path);
    }

    /** The next request, waiting up to {@code timeout}; fails the test if none comes. */
    public Request takeRequest(Duration timeout) throws InterruptedException {
        Request r = requests.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no request within " + timeout);
        }
        return r;
    }

    public List<Request> requests() {
        return new ArrayList<>(allRequests);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                sockets.add(socket);
                Thread t = new Thread(() -> serve(socket), "scripted-exchange");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            Request request = readHead(socket.getInputStream());
            if (request == null) {
                return;
            }
            Script script = scripts.poll();
            if (script == null) {
                script = last;
            } else {
                last = script;
            }
            allRequests.add(request);
            requests.add(request);
            if (script != null) {
                script.answer(new Exchange(socket));
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static Request readHead(InputStream in) throws IOException {
        long arrived = System.nanoTime();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' || b == '\n') && (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : 0;
        }
        if (matched < 4) {
            return null;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return new Request(requestLine[0], requestLine[1], headers, arrived);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        serverSocket.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
