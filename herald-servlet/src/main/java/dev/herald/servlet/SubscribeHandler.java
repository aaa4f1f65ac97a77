package dev.herald.servlet;

import dev.herald.hub.Hub;
import dev.herald.hub.SubscriptionHandle;
import dev.herald.protocol.FormDecoder;
import dev.herald.protocol.SubscribeRequests;
import dev.herald.protocol.auth.Authorizer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET} (or {@code QUERY} with a form body): validates the request, then turns the response
 * into an event stream fed by the hub, written by one of the stream threads.
 */
final class SubscribeHandler {
    private final Hub hub;
    private final SubscribeRequests requests;
    private final StreamLoops loops;
    private final long budget;
    private final Set<ServletStream> open = ConcurrentHashMap.newKeySet();
    private final SignedInGrants signedIn;
    /** Set once a drain starts: new streams are refused, and it completes when the last one ends. */
    private volatile CompletableFuture<Void> drained;

    SubscribeHandler(Hub hub, Authorizer authorizer, HeraldServletConfig config, StreamLoops loops) {
        this.hub = hub;
        this.requests = new SubscribeRequests(authorizer, config.maxTopicsPerRequest(), config.maxMatcherLength(),
                config.maxConnectionLifetime());
        this.loops = loops;
        this.budget = config.subscriberBufferBytes();
        this.signedIn = config.signedInTopics() == null ? null : new SignedInGrants(config.signedInTopics());
    }

    /**
     * @param body the form body of a {@code QUERY} request (its parameters join the query's), or
     *     an empty map for {@code GET}
     */
    void handle(HttpServletRequest request, HttpServletResponse response, Map<String, List<String>> body)
            throws IOException {
        if (drained != null) {
            response.setHeader("Retry-After", "1");
            ServletAnswers.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "The hub is shutting down; retry, another instance or its successor will answer");
            return;
        }
        SubscribeRequests.Accepted accepted = requests.parse(new ServletHubRequest(request),
                FormDecoder.decode(PublishHandler.rawQuery(request)), body,
                signedIn == null ? null : signedIn.of(request.getUserPrincipal()));

        // Nothing can refuse the request any more: the response becomes the stream.
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // streams stay open; heartbeats find dead clients
        ScheduledExecutorService loop = loops.next();
        ServletOutputStream out = response.getOutputStream();
        ServletStream stream = new ServletStream(loop, async, response, out, budget, this::ended);
        open.add(stream);
        async.addListener(stream);
        SubscriptionHandle handle = hub.subscribe(accepted.subscription(), stream);
        loop.execute(() -> stream.attach(handle));
        // Last: the container calls onWritePossible once this request's dispatch has returned.
        out.setWriteListener(stream);
    }

    /**
     * Refuses new streams and ends the open ones spread evenly over {@code window}, so that their
     * clients do not all reconnect in the same instant.
     *
     * @return completes once every stream has ended
     */
    CompletableFuture<Void> drain(Duration window) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        drained = done;
        List<ServletStream> streams = new ArrayList<>(open);
        long step = streams.isEmpty() ? 0 : window.toNanos() / streams.size();
        ScheduledExecutorService timer = loops.next();
        for (int i = 0; i < streams.size(); i++) {
            timer.schedule(streams.get(i)::shutDown, step * i, TimeUnit.NANOSECONDS);
        }
        if (open.isEmpty()) {
            done.complete(null);
        }
        return done;
    }

    private void ended(ServletStream stream) {
        open.remove(stream);
        CompletableFuture<Void> done = drained;
        if (done != null && open.isEmpty()) {
            done.complete(null);
        }
    }

    /** The servlet is going away: every open stream ends, sending what it holds. */
    void endAll() {
        for (ServletStream stream : open) {
            stream.shutDown();
        }
    }

    /** The streams open now. */
    int openStreams() {
        return open.size();
    }
}
