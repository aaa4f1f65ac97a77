package dev.herald.app.testing;

import dev.herald.server.ServerConfig;
import dev.herald.testkit.Poll;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code herald serve} in a separate JVM, so a test can kill it like a real crash. */
public final class HubProcess implements AutoCloseable {
    /** In a text log line, or a JSON one (--log-format json), which escapes the slashes. */
    private static final Pattern LISTENING = Pattern.compile("Herald listening on http:\\\\?/\\\\?/[^:]+:(\\d+)");

    private final Process process;
    private final StringBuffer log = new StringBuffer();
    private volatile int port;

    private HubProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readLog, "hub-process-log");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code herald serve} on a free loopback port (dev mode: open publishing) with {@code args}
     * added. The test JVM's {@value ServerConfig#DIRECT_SEND_PROPERTY}, when set, is passed on, so a
     * test run with the direct send path off runs these hubs without it too.
     *
     * @param dataDir the SQLite store's directory, or null for a hub whose {@code args} choose the
     *     memory transport (which refuses {@code --data-dir})
     */
    public static HubProcess start(Path dataDir, String... args) throws IOException {
        return start(List.of("-Xmx512m"), dataDir, args);
    }

    /**
     * As {@link #start(Path, String...)}, the JVM started with {@code jvmOptions}. Unless {@code args}
     * set it, the drain on SIGTERM ({@link #close()}) is 1 s instead of 30: a test closing a hub with
     * streams still open would otherwise wait for it.
     */
    public static HubProcess start(List<String> jvmOptions, Path dataDir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        String directSend = System.getProperty(ServerConfig.DIRECT_SEND_PROPERTY);
        if (directSend != null) {
            command.add("-D" + ServerConfig.DIRECT_SEND_PROPERTY + "=" + directSend);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.herald.app.cli.HeraldCli", "serve", "--bind", "127.0.0.1", "--port", "0", "--dev"));
        if (dataDir != null) {
            command.addAll(List.of("--data-dir", dataDir.toString()));
        }
        command.addAll(List.of(args));
        if (!List.of(args).contains("--drain-timeout")) {
            command.addAll(List.of("--drain-timeout", "1s"));
        }
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new HubProcess(p);
    }

    /**
     * {@code java -jar target/herald.jar serve} (the jar as shipped, built by {@code package} before
     * the integration tests) on loopback {@code port} (dev mode: open publishing), {@code args} added.
     */
    public static HubProcess startPackaged(int port, String... args) throws IOException {
        Path jar = Paths.get("target", "herald.jar").toAbsolutePath();
        if (!java.nio.file.Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: run the integration tests through mvn verify, which packages it first");
        }
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "serve", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--dev"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new HubProcess(p);
    }

    /** Waits until the hub listens; returns its port. */
    public int awaitListening(Duration timeout) throws InterruptedException {
        Poll.until(() -> port != 0 || !process.isAlive(), timeout, () -> "hub did not start:\n" + log);
        if (port == 0) {
            throw new AssertionError("hub exited with " + process.exitValue() + " before listening:\n" + log);
        }
        return port;
    }

    /** Waits for the process to end by itself; returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("hub still running after " + timeout + ":\n" + log);
        }
        return process.exitValue();
    }

    /** Sends SIGTERM and returns at once: the hub drains, then exits. */
    public void terminate() {
        process.destroy();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL on Linux: no shutdown hook, no flush, nothing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** CPU time the hub process has used so far (user + system), from {@code /proc}. */
    public Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    public String log() {
        return log.toString();
    }

    private void readLog() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                log.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** Stops it gracefully (SIGTERM), killing it if it does not stop in time. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
