package dev.herald.testkit;

import java.io.ByteArrayOutputStream;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (the Debian package) on a free loopback port, with its files in a
 * directory of the test's: started, stopped, killed and started again on the same port and files,
 * so tests can take Redis away from hubs and give it back. A missing {@code redis-server} fails the
 * test: nothing is skipped.
 */
public final class RedisServer implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final Path dir;
    private final int port;
    private final List<String> options;
    private Process process;

    private RedisServer(Path dir, int port, List<String> options) {
        this.dir = dir;
        this.port = port;
        this.options = options;
    }

    /**
     * Starts Redis with no snapshots ({@code --save ''}) and {@code options} added, e.g.
     * {@code "--appendonly", "yes", "--appendfsync", "always"}.
     */
    public static RedisServer start(Path dir, String... options) throws IOException, InterruptedException {
        RedisServer redis = new RedisServer(dir, freePort(), List.of(options));
        redis.startAgain();
        return redis;
    }

    /** Starts the server again on the same port and directory (after {@link #stop} or {@link #kill}). */
    public synchronized void startAgain() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server is running already");
        }
        List<String> command = new ArrayList<>(List.of(executable(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--daemonize", "no"));
        command.addAll(options);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        try {
            Poll.until(() -> answersPing() || !process.isAlive(), STARTUP,
                    () -> "redis-server did not start:\n" + logText());
        } catch (AssertionError | InterruptedException e) {
            kill(); // not left running behind a failed test
            throw e;
        }
        if (!process.isAlive()) {
            throw new AssertionError("redis-server exited with " + process.exitValue() + ":\n" + logText());
        }
    }

    /** Graceful stop (SIGTERM): Redis finishes writing its append-only file first. */
    public synchronized void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** SIGKILL: whatever Redis had not written to disk is gone. Returns once the process is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("redis-server survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGSTOP: Redis keeps its connections but answers nothing, like a stalled server. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT after {@link #pause}. */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private synchronized void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill " + signal + " " + process.pid() + " failed");
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Runs one command and returns Redis's answer as the protocol sends it (e.g. {@code ":3\r\n"}),
     * for tests that look at what Redis holds.
     */
    public String command(String... args) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readReply(s.getInputStream());
        }
    }

    /** The integer an integer reply carries (fails the test on any other reply). */
    public long integer(String... args) throws IOException {
        String reply = command(args);
        if (!reply.startsWith(":")) {
            throw new AssertionError(String.join(" ", args) + " answered " + reply.trim());
        }
        return Long.parseLong(reply.substring(1).trim());
    }

    public String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log()) : "";
        } catch (IOException e) {
            return "(cannot read " + log() + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    private Path log() {
        return dir.resolve("redis-server.log");
    }

    /** Up and done loading its files: PONG, or a refusal for want of a login (a server with users). */
    private boolean answersPing() {
        try {
            String reply = command("PING");
            return reply.startsWith("+PONG") || reply.startsWith("-NOAUTH");
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads one reply; enough for the simple, integer, error and bulk replies tests use. */
    private static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            reply.write(b);
            if (b == '\n') {
                break;
            }
        }
        String line = reply.toString(StandardCharsets.UTF_8);
        if (line.startsWith("$") && !line.startsWith("$-1")) {
            int length = Integer.parseInt(line.substring(1).trim());
            byte[] body = in.readNBytes(length + 2);
            return line + new String(body, StandardCharsets.UTF_8);
        }
        return line;
    }

    static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        for (String fallback : List.of("/usr/bin/redis-server", "/usr/sbin/redis-server")) {
            if (Files.isExecutable(Path.of(fallback))) {
                return fallback;
            }
        }
        throw new AssertionError("redis-server is not installed: these tests need a real Redis "
                + "(Debian package redis-server; .ci/run installs it)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
