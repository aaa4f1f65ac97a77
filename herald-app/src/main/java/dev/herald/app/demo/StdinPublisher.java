package dev.herald.app.demo;

import dev.herald.event.Update;
import dev.herald.hub.Hub;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every line read from a stream (the hub's stdin) to one topic, e.g.
 * {@code tail -f app.log | herald serve --stdin-topic logs}. At end of input the hub keeps serving.
 */
public final class StdinPublisher {
    private static final Logger log = LoggerFactory.getLogger(StdinPublisher.class);

    private final Hub hub;
    private final String topic;
    private final InputStream input;

    public StdinPublisher(Hub hub, String topic, InputStream input) {
        this.hub = hub;
        this.topic = topic;
        this.input = input;
    }

    /** Reads on a daemon thread until end of input. */
    public Thread start() {
        Thread t = new Thread(this::run, "herald-stdin");
        t.setDaemon(true);
        t.start();
        return t;
    }

    void run() {
        long lines = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                // join() keeps the lines in order and applies back-pressure to the pipe.
                hub.publish(Update.builder().topic(topic).data(line).build()).toCompletableFuture().join();
                lines++;
            }
            log.info("Standard input ended after {} lines; the hub keeps serving", lines);
        } catch (IOException | RuntimeException e) {
            log.warn("Stopped reading standard input after {} lines", lines, e);
        }
    }
}
