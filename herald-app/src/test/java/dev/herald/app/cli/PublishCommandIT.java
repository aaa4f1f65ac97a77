package dev.herald.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.RunningHub;
import dev.herald.testkit.LiveStreams;
import dev.herald.testkit.SseEvent;
import dev.herald.testkit.StreamClient;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code herald publish} run in-process against a real hub. */
class PublishCommandIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private RunningHub hub;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startHub() throws InterruptedException {
        hub = RunningHub.start();
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void publishesAnUpdateAndPrintsItsId() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "t")) {
            int exit = run("publish", "--hub", hubUrl(), "--topic", "t", "--data", "hello",
                    "--id", "my-1", "--type", "greet");

            assertThat(exit).as("exit code; stderr: %s", err).isZero();
            assertThat(out.toString().strip()).isEqualTo("my-1");
            assertThat(err.toString()).isEmpty();
            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(new SseEvent("my-1", "greet", "hello", null));
        }
    }

    @Test
    void printsTheIdTheHubGeneratedWhenNoneIsGiven() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "t")) {
            int exit = run("publish", "--hub", hubUrl(), "--topic", "t", "--data", "hello", "--retry", "3000");

            assertThat(exit).as("exit code; stderr: %s", err).isZero();
            String id = out.toString().strip();
            assertThat(id).startsWith("urn:uuid:");
            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(new SseEvent(id, "message", "hello", 3000L));
        }
    }

    @Test
    void repeatedTopicsReachSubscribersOfTheAlternate() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "alternate")) {
            int exit = run("publish", "--hub", hubUrl(), "--topic", "canonical", "--topic", "alternate",
                    "--data", "a & b = c?\nsecond line", "--id", "amp-1");

            assertThat(exit).as("exit code; stderr: %s", err).isZero();
            assertThat(stream.awaitEvents(1, TIMEOUT))
                    .containsExactly(SseEvent.message("amp-1", "a & b = c?\nsecond line"));
        }
    }

    @Test
    void aRejectedUpdateExitsNonZeroWithTheHubsMessage() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "t")) {
            int exit = run("publish", "--hub", hubUrl(), "--topic", "t", "--data", "hello", "--id", "#bad");

            assertThat(exit).isNotZero();
            assertThat(out.toString()).isEmpty();
            assertThat(err.toString()).contains("400", "Invalid \"id\" parameter");

            // Nothing was published: the next update is the first the subscriber sees.
            String id = hub.client().publish("t", "marker");
            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(id, "marker"));
        }
    }

    @Test
    void printsTheIdExactlyAsPublishedEvenWithSurroundingSpaces() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "t")) {
            int exit = run("publish", "--hub", hubUrl(), "--topic", "t", "--data", "hello", "--id", " padded ");

            assertThat(exit).as("exit code; stderr: %s", err).isZero();
            assertThat(stream.awaitEvents(1, TIMEOUT)).extracting(SseEvent::id).containsExactly(" padded ");
            assertThat(out.toString()).isEqualTo(" padded " + System.lineSeparator());
        }
    }

    @Test
    void thePrivateFlagHidesTheUpdateFromAnonymousSubscribers() throws Exception {
        try (StreamClient stream = LiveStreams.open(hub.port(), "t")) {
            int exit = run("publish", "--hub", hubUrl(), "--topic", "t", "--data", "secret", "--private");
            assertThat(exit).as("exit code; stderr: %s", err).isZero();

            String id = hub.client().publish("t", "public");
            assertThat(stream.awaitEvents(1, TIMEOUT)).containsExactly(SseEvent.message(id, "public"));
        }
    }

    @Test
    void stdinSuppliesTheDataWhenAskedTo() throws Exception {
        InputStream original = System.in;
        try (StreamClient stream = LiveStreams.open(hub.port(), "t")) {
            System.setIn(new ByteArrayInputStream("line one\nline two\n".getBytes(StandardCharsets.UTF_8)));

            int exit = run("publish", "--hub", hubUrl(), "--topic", "t", "--stdin", "--id", "from-stdin");

            assertThat(exit).as("exit code; stderr: %s", err).isZero();
            assertThat(stream.awaitEvents(1, TIMEOUT))
                    .containsExactly(SseEvent.message("from-stdin", "line one\nline two\n"));
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void dataAndStdinAreExclusive() {
        int exit = run("publish", "--hub", hubUrl(), "--topic", "t", "--data", "x", "--stdin");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void anUnreachableHubExitsNonZeroNamingTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/.well-known/mercure";

        int exit = run("publish", "--hub", url, "--topic", "t", "--data", "hello");

        assertThat(exit).isNotZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("cannot reach", url);
    }

    @Test
    void dataIsRequired() {
        int exit = run("publish", "--hub", hubUrl(), "--topic", "t");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--data");
    }

    private String hubUrl() {
        return "http://127.0.0.1:" + hub.port() + "/.well-known/mercure";
    }

    private int run(String... args) {
        CommandLine cli = HeraldCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
