package dev.herald.bench.jmh;

import dev.herald.event.SseFrameEncoder;
import dev.herald.event.Update;
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

/** Encoding one update to its SSE frame: done once per update, so it bounds the publish rate. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EncodeBench {
    private final Update small = Update.builder().topic("https://example.com/books/1").id("urn:uuid:1")
            .data("t=1700000000000000;seq=1").build();
    private final Update json = Update.builder().topic("https://example.com/books/1").id("urn:uuid:2")
            .type("book").retry(5000L)
            .data("{\"title\":\"Dune\",\"author\":\"Frank Herbert\",\"year\":1965,\"tags\":[\"sf\",\"classic\"]}")
            .build();
    private final Update multiline = Update.builder().topic("logs").id("urn:uuid:3")
            .data("line one\nline two\r\nline three\rline four\n".repeat(8)).build();

    @Benchmark
    public byte[] smallPayload() {
        return SseFrameEncoder.encode(small);
    }

    @Benchmark
    public byte[] jsonWithTypeAndRetry() {
        return SseFrameEncoder.encode(json);
    }

    @Benchmark
    public byte[] multiLine() {
        return SseFrameEncoder.encode(multiline);
    }
}
