package dev.herald.bench.jmh;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.hub.CloseReason;
import dev.herald.hub.Hub;
import dev.herald.hub.HubConfig;
import dev.herald.hub.ResumePoint;
import dev.herald.hub.SubscriberSink;
import dev.herald.hub.Subscription;
import dev.herald.topic.TopicSelector;
import dev.herald.transport.InMemoryTransport;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One update through {@link Hub} to 10k in-process subscribers on a few single-thread lanes, with
 * sinks that only count: the hub's own cost per fan-out, without sockets. One operation is one
 * publish, complete when every subscriber's sink has been written.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FanOutBench {
    @Param("10000")
    int subscribers;

    @Param("2")
    int lanes;

    /** {@code exact}: everyone on the topic; {@code template}: everyone on a URI template. */
    @Param({"exact", "template"})
    String selector;

    private Hub hub;
    private ScheduledExecutorService[] executors;
    private AtomicLong[] written;
    private long expected;
    private Update update;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        hub = new Hub(new InMemoryTransport(1024), HubConfig.defaults());
        executors = new ScheduledExecutorService[lanes];
        written = new AtomicLong[lanes];
        for (int i = 0; i < lanes; i++) {
            executors[i] = Executors.newSingleThreadScheduledExecutor();
            written[i] = new AtomicLong();
        }
        TopicSelector sel = TopicSelector.parse(selector.equals("exact")
                ? "https://example.com/books/1" : "https://example.com/books/{id}");
        for (int i = 0; i < subscribers; i++) {
            hub.subscribe(new Subscription(List.of(sel), List.of(), ResumePoint.live()),
                    new CountingSink(executors[i % lanes], written[i % lanes]));
        }
        for (ScheduledExecutorService e : executors) {
            e.submit(() -> { }).get(); // every subscription has started
        }
        update = Update.builder().topic("https://example.com/books/1").id("bench").data("t=1;seq=1").build();
    }

    @Benchmark
    public void publishToAll() {
        expected += subscribers;
        hub.publish(update);
        while (total() < expected) {
            Thread.onSpinWait();
        }
    }

    private long total() {
        long n = 0;
        for (AtomicLong w : written) {
            n += w.get();
        }
        return n;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        hub.close();
        for (ScheduledExecutorService e : executors) {
            e.shutdownNow();
        }
    }

    /** Counts writes with a release store (the lane is the only writer): cheap and visible to the bench thread. */
    private static final class CountingSink implements SubscriberSink {
        private final ScheduledExecutorService lane;
        private final AtomicLong written;

        CountingSink(ScheduledExecutorService lane, AtomicLong written) {
            this.lane = lane;
            this.written = written;
        }

        @Override
        public ScheduledExecutorService eventLoop() {
            return lane;
        }

        @Override
        public void open(String lastEventIdHeader) {}

        @Override
        public void write(StoredUpdate update) {
            written.lazySet(written.get() + 1);
        }

        @Override
        public void heartbeat() {}

        @Override
        public void flush() {}

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void close(CloseReason reason) {}
    }
}
