package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.Poll;
import dev.herald.testkit.StreamClient;
import java.io.IOException;
import java.time.Duration;

/** Subscriptions that are known to be registered with the hub before the test publishes. */
public final class LiveStreams {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private LiveStreams() {}

    /**
     * Subscribes to {@code topics} and returns once the opening comment arrived. The hub sends it
     * only after the subscription joined the live feed, so every update published afterwards reaches
     * this stream if it matches.
     */
    public static StreamClient open(int port, String... topics) throws IOException, InterruptedException {
        StreamClient stream = StreamClient.open(port, topics);
        try {
            assertThat(stream.awaitStatus()).as("subscribe status").isEqualTo(200);
            Poll.until(() -> stream.comments() >= 1 || stream.ended(), TIMEOUT,
                    () -> "no opening comment on the stream");
            assertThat(stream.ended()).as("stream ended before it opened").isFalse();
            return stream;
        } catch (AssertionError | InterruptedException e) {
            stream.close();
            throw e;
        }
    }
}
