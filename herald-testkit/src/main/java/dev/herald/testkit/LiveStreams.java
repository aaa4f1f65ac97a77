package dev.herald.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Subscriptions that are known to be registered with the hub before the test publishes: the one
 * way tests open a stream and wait for its opening comment.
 */
public final class LiveStreams {
    /** How long the hub may take to answer a subscription and send its opening comment. */
    public static final Duration OPENING = Duration.ofSeconds(10);

    private LiveStreams() {}

    /** Subscribes anonymously to {@code topics}; see {@link #open(int, String, Map)}. */
    public static StreamClient open(int port, String... topics) throws IOException, InterruptedException {
        return open(port, StreamClient.path(List.of(topics), Map.of()), Map.of());
    }

    /** Subscribes to {@code topics} with {@code headers} (a token, an origin …). */
    public static StreamClient open(int port, List<String> topics, Map<String, String> headers)
            throws IOException, InterruptedException {
        return open(port, StreamClient.path(topics, Map.of()), headers);
    }

    /**
     * Sends {@code GET path} with {@code headers} and returns once the hub answered 200 and the
     * opening comment arrived. The hub sends that comment only after the subscription joined the
     * live feed, so every update published afterwards reaches this stream if it matches. Fails
     * the test (closing the stream) on any other status or if the stream ends first.
     */
    public static StreamClient open(int port, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        StreamClient stream = StreamClient.open(port, path, headers);
        try {
            int status = stream.awaitStatus();
            if (status != 200) {
                throw new AssertionError("subscribing to " + path + " answered " + status + ", not 200");
            }
            Poll.until(() -> stream.comments() >= 1 || stream.ended(), OPENING,
                    () -> "no opening comment on " + path);
            if (stream.ended()) {
                throw new AssertionError("the stream " + path + " ended before it opened");
            }
            return stream;
        } catch (AssertionError | InterruptedException e) {
            stream.close();
            throw e;
        }
    }
}
