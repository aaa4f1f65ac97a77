package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.testing.RecordingListener;
import dev.herald.client.testing.ScriptedServer;
import dev.herald.client.testing.ScriptedServer.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connection behaviour against a scripted local server: reconnection, resume, failures, states. */
class EventSourceConnectionIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ScriptedServer server = new ScriptedServer();
    private final RecordingListener listener = new RecordingListener();
    private final List<EventSource> sources = new ArrayList<>();

    EventSourceConnectionIT() throws Exception {}

    @AfterEach
    void tearDown() throws Exception {
        sources.forEach(EventSource::close);
        server.close();
    }

    private EventSourceBuilder builder(String path) {
        return EventSource.builder(server.uri(path)).reconnectTime(Duration.ofMillis(20)).jitter(0);
    }

    private EventSource start(EventSourceBuilder builder) {
        EventSource source = builder.start(listener);
        sources.add(source);
        return source;
    }

    @Test
    void reconnectsAfterTheStreamEndsWaitingTheServersRetryAndSendsLastEventId() throws Exception {
        server.then(
                x -> x.streamHead().write("retry: 300\nid: 1\ndata: a\n\n"),
                x -> x.streamHead().write("data: b\n\n").awaitClientClose());
        EventSource source = start(builder("/events"));

        Request first = server.takeRequest(TIMEOUT);
        listener.takeOpen();
        assertThat(listener.takeEvent()).isEqualTo(MessageEvent.message("a", "1"));
        RecordingListener.Call error = listener.take("error");
        assertThat(error.value()).isInstanceOf(StreamClosedByServerException.class);
        assertThat(error.state()).isEqualTo(ReadyState.CONNECTING);
        Request second = server.takeRequest(TIMEOUT);
        listener.takeOpen();
        assertThat(listener.takeEvent()).isEqualTo(MessageEvent.message("b", "1"));

        assertThat(first.header("Last-Event-ID")).isNull();
        assertThat(second.header("Last-Event-ID")).isEqualTo("1");
        assertThat(Duration.ofNanos(second.arrivedNanos() - error.nanos())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(source.lastEventId()).isEqualTo("1");
        assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);

        source.close();
        listener.takeClosed(CloseReason.CLOSED_BY_CALLER);
        listener.assertNoMoreCalls();
    }

    @Test
    void sendsBrowserHeadersAndCustomOnes() throws Exception {
        server.then(x -> x.streamHead().awaitClientClose());
        start(builder("/events?topic=a").bearerToken("secret").header("X-Trace", "42").lastEventId("resume-7"));

        Request request = server.takeRequest(TIMEOUT);
        listener.takeOpen();

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.target()).isEqualTo("/events?topic=a");
        assertThat(request.header("Accept")).isEqualTo("text/event-stream");
        assertThat(request.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(request.header("Authorization")).isEqualTo("Bearer secret");
        assertThat(request.header("X-Trace")).isEqualTo("42");
        assertThat(request.header("Last-Event-ID")).isEqualTo("resume-7");
    }

    @Test
    void aNonAsciiLastEventIdIsNotSentRatherThanMangled() throws Exception {
        // java.net.http writes header values as US-ASCII: the id would arrive as "???".
        server.then(x -> x.streamHead().write("id: \u2026\ndata: x\n\n"), x -> x.streamHead().awaitClientClose());
        EventSource source = start(builder("/events"));

        server.takeRequest(TIMEOUT);
        Request second = server.takeRequest(TIMEOUT);

        assertThat(second.header("Last-Event-ID")).isNull();
        assertThat(source.lastEventId()).isEqualTo("\u2026");
    }

    @Test
    void noContentClosesTheSourceWithoutErrorOrReconnection() throws Exception {
        server.then(x -> x.head(204, "No Content", ""));
        EventSource source = start(builder("/events"));

        listener.takeClosed(CloseReason.NO_CONTENT);
        listener.assertNoMoreCalls();
        assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aServerErrorFailsTheSourceWithoutReconnection() throws Exception {
        server.then(x -> x.head(500, "Internal Server Error", "Content-Length: 4\r\n").write("oops"));
        start(builder("/events"));

        RecordingListener.Call error = listener.take("error");
        assertThat(((HttpStatusException) error.value()).status()).isEqualTo(500);
        assertThat(((HttpStatusException) error.value()).isFatal()).isTrue();
        assertThat(error.state()).isEqualTo(ReadyState.CLOSED);
        listener.takeClosed(CloseReason.FAILED);
        listener.assertNoMoreCalls();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aRedirectIsFollowedAndTheFinalResponseDecides() throws Exception {
        server.then(
                x -> x.head(301, "Moved Permanently", "Location: /moved\r\nContent-Length: 0\r\n"),
                x -> x.streamHead().write("data: here\n\n").awaitClientClose());
        start(builder("/events").header("X-Token", "t"));

        listener.takeOpen();
        assertThat(listener.takeEvent()).isEqualTo(MessageEvent.message("here", ""));
        assertThat(server.takeRequest(TIMEOUT).target()).isEqualTo("/events");
        Request redirected = server.takeRequest(TIMEOUT);
        assertThat(redirected.target()).isEqualTo("/moved");
        assertThat(redirected.header("Accept")).isEqualTo("text/event-stream");
    }

    @Test
    void aWrongContentTypeFailsTheSourceWithoutReconnection() throws Exception {
        server.then(x -> x.head(200, "OK", "Content-Type: text/plain\r\n").write("data: no\n\n"));
        start(builder("/events"));

        ContentTypeException error = listener.takeError(ContentTypeException.class);
        assertThat(error.contentType()).isEqualTo("text/plain");
        assertThat(error).hasMessage("invalid content-type: text/plain");
        listener.takeClosed(CloseReason.FAILED);
        listener.assertNoMoreCalls();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aStreamWithoutAByteForTheReadTimeoutIsDroppedAndReopened() throws Exception {
        server.then(
                x -> x.streamHead().write(":\n").write("id: 5\ndata: before\n\n").awaitClientClose(),
                x -> x.streamHead().write("data: after\n\n").awaitClientClose());
        start(builder("/events").readTimeout(Duration.ofMillis(300)));

        listener.takeOpen();
        assertThat(listener.takeEvent()).isEqualTo(MessageEvent.message("before", "5"));
        ReadTimeoutException timeout = listener.takeError(ReadTimeoutException.class);
        assertThat(timeout.timeout()).isEqualTo(Duration.ofMillis(300));
        listener.takeOpen();
        assertThat(listener.takeEvent()).isEqualTo(MessageEvent.message("after", "5"));
        server.takeRequest(TIMEOUT);
        assertThat(server.takeRequest(TIMEOUT).header("Last-Event-ID")).isEqualTo("5");
    }

    @Test
    void aServerThatNeverAnswersTimesOutToo() throws Exception {
        server.then(x -> x.awaitClientClose());
        start(builder("/events").readTimeout(Duration.ofMillis(200)));

        listener.takeError(ReadTimeoutException.class);
        listener.takeError(ReadTimeoutException.class);
    }

    @Test
    void repeatedFailuresBackOffExponentiallyUpToTheCap() throws Exception {
        server.then(x -> x.streamHead()); // opens, then ends at once: a failure every time
        start(builder("/events").reconnectTime(Duration.ofMillis(25)).maxReconnectDelay(Duration.ofMillis(200)));

        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(server.takeRequest(TIMEOUT));
        }

        long[] expected = {25, 50, 100, 200, 200, 200, 200};
        long[] gaps = new long[expected.length];
        for (int i = 0; i < expected.length; i++) {
            gaps[i] = (requests.get(i + 1).arrivedNanos() - requests.get(i).arrivedNanos()) / 1_000_000;
            assertThat(gaps[i]).as("delay before reconnection %d", i + 1).isGreaterThanOrEqualTo(expected[i]);
        }
        // At the cap the last three delays take 600 ms; still doubling, the last of them alone would
        // take 1600 ms (they would be 400, 800, 1600). The gap between leaves room for a slow machine.
        assertThat(gaps[4] + gaps[5] + gaps[6]).as("the last three delays together, in ms; all: %s",
                java.util.Arrays.toString(gaps)).isLessThan(1600);
    }

    @Test
    void aRefusedConnectionIsAnIoErrorAndIsRetried() throws Exception {
        java.net.URI closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = java.net.URI.create("http://127.0.0.1:" + s.getLocalPort() + "/events");
        }
        start(EventSource.builder(closedPort).reconnectTime(Duration.ofMillis(10)).jitter(0));

        StreamIOException first = listener.takeError(StreamIOException.class);
        assertThat(first.isFatal()).isFalse();
        assertThat(first.getCause()).isInstanceOf(java.io.IOException.class);
        listener.takeError(StreamIOException.class);
    }

    @Test
    void closeIsPromptWhileReadingAndFromAnotherThread() throws Exception {
        server.then(x -> x.streamHead().write("data: x\n\n").awaitClientClose());
        EventSource source = start(builder("/events"));
        listener.takeOpen();
        listener.takeEvent();

        long start = System.nanoTime();
        Thread closer = new Thread(source::close);
        closer.start();
        closer.join(TIMEOUT.toMillis());

        listener.takeClosed(CloseReason.CLOSED_BY_CALLER);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
        listener.assertNoMoreCalls();
    }

    @Test
    void closeIsPromptWhileWaitingToReconnect() throws Exception {
        server.then(x -> x.streamHead().write("retry: 60000\n\n"));
        EventSource source = start(builder("/events"));
        listener.takeOpen();
        listener.takeError(StreamClosedByServerException.class);

        long start = System.nanoTime();
        source.close();
        source.close(); // idempotent

        listener.takeClosed(CloseReason.CLOSED_BY_CALLER);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        listener.assertNoMoreCalls();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void theStreamIteratesEventsAcrossReconnectionsUntilNoContent() throws Exception {
        server.then(
                x -> x.streamHead().write("id: 1\ndata: one\n\nid: 2\nevent: note\ndata: two\n\n"),
                x -> x.streamHead().write("data: three\n\n"),
                x -> x.head(204, "No Content", ""));

        try (EventStream stream = builder("/events").stream()) {
            List<MessageEvent> events = new ArrayList<>();
            stream.forEachRemaining(events::add);

            assertThat(events).containsExactly(MessageEvent.message("one", "1"), new MessageEvent("note", "two", "2"),
                    MessageEvent.message("three", "2"));
            assertThat(stream.closeReason()).contains(CloseReason.NO_CONTENT);
            assertThat(stream.lastError()).get().isInstanceOf(StreamClosedByServerException.class);
            assertThat(stream.hasNext()).isFalse();
        }
        assertThat(server.takeRequest(TIMEOUT).header("Last-Event-ID")).isNull();
        assertThat(server.takeRequest(TIMEOUT).header("Last-Event-ID")).isEqualTo("2");
        assertThat(server.takeRequest(TIMEOUT).header("Last-Event-ID")).isEqualTo("2");
    }

    @Test
    void closingTheStreamWakesABlockedReader() throws Exception {
        server.then(x -> x.streamHead().awaitClientClose());
        EventStream stream = builder("/events").stream();
        server.takeRequest(TIMEOUT);

        Thread closer = new Thread(() -> {
            try {
                server.takeRequest(Duration.ofMillis(100));
            } catch (AssertionError | InterruptedException expected) {
                stream.close();
            }
        });
        closer.start();

        assertThat(stream.hasNext()).isFalse();
        assertThat(stream.source().readyState()).isEqualTo(ReadyState.CLOSED);
    }
}
