package dev.herald.app.bench;

import dev.herald.app.testing.HubProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Acknowledged publishes per second over HTTP against {@code herald serve} in its own JVM, for
 * each history mode and publisher count. Each publisher sends one publish at a time and waits for
 * its 200 over HTTP/1.1 keep-alive, with java.net.http ({@code jdk}) or a bare socket ({@code raw},
 * far cheaper on the client side). Run with {@code bench/publish-rate.sh}.
 *
 * <p>Arguments: {@code [seconds] [warmup-seconds] [modes, e.g. memory,os,sync] [publishers, e.g. 1,16]
 * [clients, e.g. jdk,raw]}.
 */
public final class PublishRate {
    private PublishRate() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String[] modes = (args.length > 2 ? args[2] : "memory,os,sync").split(",");
        String[] counts = (args.length > 3 ? args[3] : "1,16").split(",");
        String[] clients = (args.length > 4 ? args[4] : "jdk,raw").split(",");
        System.out.printf("%-6s %-8s %10s %10s %18s%n", "client", "history", "publishers", "acked/s",
                "hub CPU µs/publish");
        for (String client : clients) {
            for (String mode : modes) {
                for (String count : counts) {
                    run(client, mode, Integer.parseInt(count), seconds, warmup);
                }
            }
        }
    }

    private static void run(String client, String mode, int publishers, int seconds, int warmup)
            throws Exception {
        boolean memory = mode.equals("memory");
        Path dataDir = memory ? null : Files.createTempDirectory("herald-bench-");
        String[] args = memory ? new String[] {"--transport", "memory"} : new String[] {"--durability", mode};
        try (HubProcess hub = HubProcess.start(dataDir, args)) {
            int port = hub.awaitListening(Duration.ofSeconds(30));
            URI uri = URI.create("http://127.0.0.1:" + port + "/.well-known/mercure");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            LongAdder acked = new LongAdder();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                String form = "topic=bench&data=publisher+" + i;
                Runnable loop = client.equals("raw") ? () -> rawLoop(port, form, running, acked)
                        : () -> jdkLoop(http, uri, form, running, acked);
                Thread t = new Thread(loop, "publisher-" + i);
                t.start();
                threads.add(t);
            }
            Thread.sleep(warmup * 1000L); // a benchmark's measuring window, not a wait for a condition
            long startCount = acked.sum();
            Duration startCpu = hub.cpuTime();
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long count = acked.sum() - startCount;
            double elapsed = (System.nanoTime() - start) / 1e9;
            Duration cpu = hub.cpuTime().minus(startCpu);
            running.set(false);
            for (Thread t : threads) {
                t.join(10_000);
            }
            System.out.printf("%-6s %-8s %10d %10.0f %18.1f%n", client, mode, publishers, count / elapsed,
                    count == 0 ? 0.0 : cpu.toNanos() / 1000.0 / count);
        } finally {
            if (dataDir != null) {
                deleteTree(dataDir);
            }
        }
    }

    private static void jdkLoop(HttpClient http, URI uri, String form, AtomicBoolean running, LongAdder acked) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        while (running.get()) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    acked.increment();
                }
            } catch (Exception e) {
                return;
            }
        }
    }

    private static void rawLoop(int port, String form, AtomicBoolean running, LongAdder acked) {
        try (RawPublisher p = new RawPublisher(port, form)) {
            while (running.get()) {
                if (p.publish() == 200) {
                    acked.increment();
                }
            }
        } catch (Exception e) {
            // the hub went away: stop
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
