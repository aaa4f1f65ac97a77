package dev.herald.bench.jmh;

import dev.herald.topic.MatcherType;
import dev.herald.topic.TopicMatchers;
import dev.herald.topic.TopicSelector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Topic selector matching: run per (update, patterned subscriber) pair on the fan-out path. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SelectorBench {
    private final TopicSelector exact = TopicSelector.parse("https://example.com/books/1");
    private final TopicSelector template = TopicSelector.parse("https://example.com/books/{id}");
    private final TopicSelector reserved = TopicSelector.parse("https://example.com/users/42/{+rest}");
    private static final String HUB = "https://hub.example/.well-known/mercure";
    private final TopicSelector urlPattern = TopicMatchers.compile(MatcherType.URLPATTERN, "https://example.com/books/:id", HUB);
    private final String book = "https://example.com/books/1";
    private final String otherBook = "https://example.com/books/12345";
    private final String userInbox = "https://example.com/users/42/inbox/unread";
    private final String unrelated = "https://example.org/news/eu/2024";

    @Benchmark
    public boolean exactHit() {
        return exact.matches(book);
    }

    @Benchmark
    public boolean exactMiss() {
        return exact.matches(otherBook);
    }

    @Benchmark
    public boolean templateHit() {
        return template.matches(otherBook);
    }

    @Benchmark
    public boolean templateMiss() {
        return template.matches(unrelated);
    }

    @Benchmark
    public boolean reservedExpansionHit() {
        return reserved.matches(userInbox);
    }

    /** The fan-out case: every pattern subscriber asked about the same topic string (parsed once per thread). */
    @Benchmark
    public boolean urlPatternHit() {
        return urlPattern.matches(otherBook);
    }

    @Benchmark
    public boolean urlPatternMiss() {
        return urlPattern.matches(unrelated);
    }

    /** A new topic string every call: the topic is parsed as a URL each time. */
    @Benchmark
    public boolean urlPatternHitFreshTopic() {
        return urlPattern.matches(new String(otherBook));
    }
}
