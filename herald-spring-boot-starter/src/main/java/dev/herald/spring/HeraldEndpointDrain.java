package dev.herald.spring;

import dev.herald.servlet.HeraldServlet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Graceful shutdown of the endpoint: before the web server's own graceful shutdown (which waits
 * for requests to finish, and an event stream never does), new streams are refused and the open
 * ones end spread over {@code herald.endpoint.drain-timeout}; their clients reconnect and resume
 * from history, on another instance behind a load balancer.
 */
final class HeraldEndpointDrain implements SmartLifecycle {
    /** Stopped before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;
    private final HeraldServlet servlet;
    private final Duration window;
    private volatile boolean running;

    HeraldEndpointDrain(HeraldServlet servlet, Duration window) {
        this.servlet = servlet;
        this.window = window;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop(Runnable callback) {
        drained().whenComplete((ignored, failure) -> callback.run());
    }

    @Override
    public void stop() {
        drained().join();
    }

    /** Streams end without waiting for their clients: a second past the window is a bound, not a wait. */
    private CompletableFuture<Void> drained() {
        running = false;
        return servlet.drain(window).completeOnTimeout(null, window.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
