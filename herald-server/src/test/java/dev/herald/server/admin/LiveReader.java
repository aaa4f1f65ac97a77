package dev.herald.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.testkit.Poll;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads {@code /admin/live} with the JDK's client (which undoes the chunked framing), collecting
 * its events in the background: each one's type and JSON data, and whether the response ended
 * normally (its last chunk) or broke.
 */
final class LiveReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Event(String type, JsonNode data) {}

    private final HttpResponse<Stream<String>> response;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final StringBuilder raw = new StringBuilder();
    private volatile boolean endedNormally;
    private volatile Throwable broken;
    private final Thread thread;

    private LiveReader(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.thread = new Thread(this::read, "admin-live-reader");
        thread.setDaemon(true);
        thread.start();
    }

    static LiveReader open(HttpClient client, int port, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/live"))
                .header("Accept", "text/event-stream");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return new LiveReader(client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines())
                .get(10, TimeUnit.SECONDS));
    }

    HttpResponse<Stream<String>> response() {
        return response;
    }

    private void read() {
        String type = "message";
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (var it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                synchronized (raw) {
                    raw.append(line).append('\n');
                }
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(type, JSON.readTree(data.toString())));
                    }
                    type = "message";
                    data.setLength(0);
                } else if (line.startsWith("event: ")) {
                    type = line.substring("event: ".length());
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring("data: ".length()));
                }
            }
            endedNormally = true;
        } catch (UncheckedIOException | java.io.IOException e) {
            broken = e;
        }
    }

    List<Event> events() {
        return events;
    }

    List<JsonNode> snapshots() {
        return events.stream().filter(e -> e.type().equals("snapshot")).map(Event::data).toList();
    }

    /** Waits for a snapshot that {@code condition} accepts and returns it. */
    JsonNode awaitSnapshot(String what, Predicate<JsonNode> condition) throws InterruptedException {
        Poll.until(() -> snapshots().stream().anyMatch(condition) || !thread.isAlive(), Duration.ofSeconds(10),
                () -> what + "; last snapshot: "
                        + (snapshots().isEmpty() ? "none" : snapshots().get(snapshots().size() - 1)));
        return snapshots().stream().filter(condition).findFirst()
                .orElseThrow(() -> new AssertionError("the stream ended before " + what + ": " + broken));
    }

    void awaitEnd() throws InterruptedException {
        thread.join(10_000);
        if (thread.isAlive()) {
            throw new AssertionError("the stream is still open");
        }
    }

    boolean endedNormally() {
        return endedNormally;
    }

    Throwable broken() {
        return broken;
    }

    String raw() {
        synchronized (raw) {
            return raw.toString();
        }
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            response.body().close();
            thread.interrupt();
        }
    }
}
