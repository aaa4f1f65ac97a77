package dev.herald.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis Sentinel ({@code redis-server --sentinel}, the Debian package) on a free loopback
 * port, watching one primary under a name, with quick failure detection for tests. Its config file
 * (which Sentinel rewrites as it learns) and log live in a directory of the test's.
 */
public final class RedisSentinel implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final Process process;
    private final Path dir;
    private final int port;

    private RedisSentinel(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts a sentinel monitoring the primary on loopback {@code primaryPort} as {@code name}, a
     * quorum of one, the primary taken for down after {@code downAfter} without an answer.
     */
    public static RedisSentinel start(Path dir, String name, int primaryPort, Duration downAfter)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, """
                port %d
                bind 127.0.0.1
                daemonize no
                dir %s
                sentinel monitor %s 127.0.0.1 %d 1
                sentinel down-after-milliseconds %3$s %d
                sentinel failover-timeout %3$s 10000
                sentinel parallel-syncs %3$s 1
                """.formatted(port, dir.toAbsolutePath(), name, primaryPort, downAfter.toMillis()));
        Process p = new ProcessBuilder(RedisServer.executable(), conf.toString(), "--sentinel")
                .redirectErrorStream(true).redirectOutput(dir.resolve("sentinel.log").toFile()).start();
        RedisSentinel sentinel = new RedisSentinel(p, dir, port);
        try {
            Poll.until(() -> sentinel.answersPing() || !p.isAlive(), STARTUP, () -> "sentinel did not start:\n" + sentinel.logText());
        } catch (AssertionError | InterruptedException e) {
            sentinel.close();
            throw e;
        }
        if (!p.isAlive()) {
            throw new AssertionError("sentinel exited with " + p.exitValue() + ":\n" + sentinel.logText());
        }
        return sentinel;
    }

    public int port() {
        return port;
    }

    /** The port of the primary this sentinel names for {@code name} now ({@code SENTINEL get-master-addr-by-name}). */
    public int primaryPort(String name) throws IOException {
        String reply = command("SENTINEL", "get-master-addr-by-name", name);
        String[] lines = reply.split("\r\n");
        // *2 $9 127.0.0.1 $5 PORT
        return Integer.parseInt(lines[lines.length - 1].trim());
    }

    public String logText() {
        try {
            Path log = dir.resolve("sentinel.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(sentinel log unreadable: " + e + ")";
        }
    }

    private boolean answersPing() {
        try {
            return command("PING").startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** One command; the whole reply as text (small replies only). */
    private String command(String... args) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
            for (String arg : args) {
                request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[4096];
            int n = in.read(buffer);
            String reply = n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
            if (reply.startsWith("*2") && reply.split("\r\n").length < 5) {
                n = in.read(buffer); // the rest of an array reply sent in two segments
                reply += n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
            }
            return reply;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
