package dev.herald.app.cli;

import dev.herald.client.CloseReason;
import dev.herald.client.EventSource;
import dev.herald.client.EventSourceBuilder;
import dev.herald.client.EventSourceException;
import dev.herald.client.EventSourceListener;
import dev.herald.client.HeraldClient;
import dev.herald.client.MessageEvent;
import dev.herald.client.TopicMatcher;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code herald tail}: print the events of a stream as they arrive, reconnecting like a browser. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print the events of an SSE stream as they arrive; reconnects and resumes like a browser.",
            "Exits 0 when the server answers 204 (or after --count events), non-zero when the stream fails."})
final class TailCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", description = "Any SSE URL (instead of --match…).")
    URI url;

    @Option(names = "--hub", defaultValue = "${env:HERALD_HUB_URL:-http://localhost:8080/.well-known/mercure}",
            description = "Hub URL for --match… (env HERALD_HUB_URL, default ${DEFAULT-VALUE}).")
    URI hub;

    @Option(names = "--match", description = "Topic to subscribe to, matched exactly (* for every topic); repeatable.")
    List<String> exact;

    @Option(names = "--match-urlpattern",
            description = "URL Pattern of topics to subscribe to, e.g. https://example.com/books/:id; repeatable.")
    List<String> urlPatterns;

    @Option(names = "--topic",
            description = "Mercure 0.x topic selector (exact, * or URI template), for hubs that speak only 0.x; repeatable.")
    List<String> topics;

    @Option(names = "--token", defaultValue = "${env:HERALD_SUBSCRIBER_TOKEN}",
            description = "Bearer token (env HERALD_SUBSCRIBER_TOKEN).")
    String token;

    @Option(names = "--last-event-id", description = "Resume after this id ('earliest': all retained updates).")
    String lastEventId;

    @Option(names = "--json", description = "One JSON object per event per line: {\"type\", \"id\", \"data\"}.")
    boolean json;

    @Option(names = "--count", description = "Exit 0 after this many events.")
    Integer count;

    @Option(names = "--read-timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "Reconnect when nothing, not even a heartbeat, arrives for this long (default ${DEFAULT-VALUE}).")
    Duration readTimeout;

    @Override
    public Integer call() throws InterruptedException {
        EventSourceBuilder builder = builder();
        if (count != null && count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be positive: " + count);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<CloseReason> reason = new AtomicReference<>();
        AtomicReference<EventSourceException> failure = new AtomicReference<>();
        AtomicInteger printed = new AtomicInteger();
        EventSource source = builder.readTimeout(readTimeout).start(new EventSourceListener() {
            @Override
            public void onEvent(EventSource s, MessageEvent event) {
                out.println(json ? JsonLine.of(event) : event.data());
                out.flush();
                if (count != null && printed.incrementAndGet() >= count) {
                    s.close();
                }
            }

            @Override
            public void onError(EventSource s, EventSourceException error) {
                failure.set(error);
                err.println("herald tail: " + error.getMessage() + (error.isFatal() ? "" : "; reconnecting"));
                err.flush();
            }

            @Override
            public void onClosed(EventSource s, CloseReason why) {
                reason.set(why);
                closed.countDown();
            }
        });
        try {
            closed.await();
        } catch (InterruptedException e) {
            source.close();
            throw e;
        }
        return reason.get() == CloseReason.FAILED ? 1 : 0;
    }

    private EventSourceBuilder builder() {
        List<TopicMatcher> matchers = new ArrayList<>();
        add(matchers, exact, TopicMatcher::exact);
        add(matchers, urlPatterns, TopicMatcher::urlPattern);
        add(matchers, topics, TopicMatcher::legacyTopic);
        if (url != null && !matchers.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give either a URL or --match/--match-urlpattern/--topic, not both");
        }
        if (url == null && matchers.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give a URL or at least one --match, --match-urlpattern or --topic");
        }
        try {
            if (!matchers.isEmpty()) {
                return HeraldClient.create(hub).subscribeTo(matchers, blankToNull(token), lastEventId);
            }
            EventSourceBuilder builder = EventSource.builder(url);
            if (blankToNull(token) != null) {
                builder.bearerToken(token);
            }
            if (lastEventId != null) {
                builder.lastEventId(lastEventId);
            }
            return builder;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static void add(List<TopicMatcher> matchers, List<String> values, Function<String, TopicMatcher> kind) {
        if (values != null) {
            values.forEach(v -> matchers.add(kind.apply(v)));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
