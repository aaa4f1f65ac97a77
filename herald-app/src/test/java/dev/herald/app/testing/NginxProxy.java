package dev.herald.app.testing;

import dev.herald.testkit.Poll;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's {@code nginx} as the load balancer in front of hubs, with the settings docs/deployment.md
 * gives, run as the test's user: its own prefix, configuration, pid file, logs and temp files in a
 * directory of the test's, in the foreground, on a free loopback port. A missing nginx fails the test.
 */
public final class NginxProxy implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final Process process;
    private final Path dir;
    private final int port;

    private NginxProxy(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts nginx balancing (least_conn) over hubs on loopback {@code hubPorts}, its files in {@code dir}. */
    public static NginxProxy start(Path dir, List<Integer> hubPorts) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = freePort();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config(dir, port, hubPorts));
        // Debian installs it in /usr/sbin, which a user's PATH may not have.
        String nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
        Process p = new ProcessBuilder(nginx, "-p", dir + "/", "-c", conf.toString(), "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        NginxProxy proxy = new NginxProxy(p, dir, port);
        try {
            Poll.until(() -> proxy.accepts() || !p.isAlive(), STARTUP, () -> "nginx did not start:\n" + proxy.log());
        } catch (AssertionError | InterruptedException e) {
            proxy.close();
            throw e;
        }
        if (!p.isAlive()) {
            throw new AssertionError("nginx exited with " + p.exitValue() + ":\n" + proxy.log());
        }
        return proxy;
    }

    /** The configuration of docs/deployment.md, with paths and ports of this run. */
    static String config(Path dir, int port, List<Integer> hubPorts) {
        String servers = hubPorts.stream().map(p -> "        server 127.0.0.1:" + p + " max_fails=1 fail_timeout=2s;")
                .collect(Collectors.joining("\n"));
        return """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 1024; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream herald {
                        least_conn;
                %2$s
                        keepalive 16;
                    }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://herald;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_buffering off;
                            proxy_cache off;
                            proxy_read_timeout 1h;
                            proxy_next_upstream error timeout http_502 http_503;
                            proxy_next_upstream_tries 3;
                        }
                    }
                }
                """.formatted(dir.toAbsolutePath(), servers, port);
    }

    public int port() {
        return port;
    }

    public String log() {
        try {
            Path errors = dir.resolve("error.log");
            return Files.exists(errors) ? Files.readString(errors) : "(no error log)";
        } catch (IOException e) {
            return "(error log unreadable: " + e + ")";
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** SIGTERM (nginx's fast shutdown), SIGKILL if it lingers. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
