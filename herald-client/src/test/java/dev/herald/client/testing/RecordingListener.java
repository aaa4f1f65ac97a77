package dev.herald.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.CloseReason;
import dev.herald.client.EventSource;
import dev.herald.client.EventSourceException;
import dev.herald.client.EventSourceListener;
import dev.herald.client.MessageEvent;
import dev.herald.client.ReadyState;
import dev.herald.testkit.Poll;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records every listener call with the ready state seen during it; tests take them in order. */
public final class RecordingListener implements EventSourceListener {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** One listener call. {@code value} is the event, the error or the close reason; null for open. */
    public record Call(String kind, Object value, ReadyState state, long nanos) {}

    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();

    @Override
    public void onOpen(EventSource source) {
        calls.add(new Call("open", null, source.readyState(), System.nanoTime()));
    }

    @Override
    public void onEvent(EventSource source, MessageEvent event) {
        calls.add(new Call("event", event, source.readyState(), System.nanoTime()));
    }

    @Override
    public void onError(EventSource source, EventSourceException error) {
        calls.add(new Call("error", error, source.readyState(), System.nanoTime()));
    }

    @Override
    public void onClosed(EventSource source, CloseReason reason) {
        calls.add(new Call("closed", reason, source.readyState(), System.nanoTime()));
    }

    /** The next call, which must be of {@code kind}. */
    public Call take(String kind) throws InterruptedException {
        Call call = calls.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(call).as("a call to on%s within %s", kind, TIMEOUT).isNotNull();
        assertThat(call.kind()).as("next listener call: %s", call).isEqualTo(kind);
        return call;
    }

    public Call takeOpen() throws InterruptedException {
        Call call = take("open");
        assertThat(call.state()).isEqualTo(ReadyState.OPEN);
        return call;
    }

    public MessageEvent takeEvent() throws InterruptedException {
        return (MessageEvent) take("event").value();
    }

    /** The next error, which must be of {@code type}; returns it. */
    public <T extends EventSourceException> T takeError(Class<T> type) throws InterruptedException {
        Call call = take("error");
        assertThat(call.value()).isInstanceOf(type);
        return type.cast(call.value());
    }

    public Call takeClosed(CloseReason reason) throws InterruptedException {
        Call call = take("closed");
        assertThat(call.value()).isEqualTo(reason);
        assertThat(call.state()).isEqualTo(ReadyState.CLOSED);
        return call;
    }

    /** Fails if any call is left unchecked, or if one comes within {@link Poll#QUIET}. */
    public void assertNoMoreCalls() throws InterruptedException {
        Poll.nothingArrives(() -> !calls.isEmpty(), () -> "unexpected listener calls " + calls);
    }
}
