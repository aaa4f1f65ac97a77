package dev.herald.servlet;

import dev.herald.event.StoredUpdate;
import dev.herald.hub.CloseReason;
import dev.herald.hub.SubscriberSink;
import dev.herald.hub.SubscriptionHandle;
import dev.herald.protocol.ResumeNotice;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event stream on a Servlet container, as the hub sees it. Everything that touches the
 * response runs on the stream's own thread ({@link #eventLoop()}): the container's callbacks only
 * hand over to it. Frames are the updates' shared encoded bytes, queued by reference and written
 * with non-blocking I/O only while {@link ServletOutputStream#isReady()} says so; the queued bytes
 * are the subscriber's budget.
 */
final class ServletStream implements SubscriberSink, WriteListener, AsyncListener {
    private static final Logger log = LoggerFactory.getLogger(ServletStream.class);
    /** Sent right after the headers so proxies and browsers see the stream open, and as heartbeat. */
    private static final byte[] COMMENT = ":\n".getBytes(StandardCharsets.US_ASCII);
    /** How long a stream the hub ended may take to send what it still holds before it is completed anyway. */
    private static final long CLOSING_GRACE_SECONDS = 5;

    private final ScheduledExecutorService loop;
    private final AsyncContext async;
    private final HttpServletResponse response;
    private final ServletOutputStream out;
    private final long budget;
    /** Told once when the stream ends, however it ends. */
    private final Consumer<ServletStream> onEnd;

    // Confined to the loop thread.
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean overBudget;
    private boolean opened;
    private String lastEventIdHeader;
    private boolean headSent;
    /** The container called onWritePossible once: the response may be touched from now on. */
    private boolean started;
    /** isReady() said false: nothing is written until the container calls onWritePossible. */
    private boolean awaitingWritePossible;
    private boolean needsFlush;
    /** The hub ended the stream: send what is queued, then complete. */
    private boolean closing;
    private boolean ended;
    private SubscriptionHandle handle;

    /** Read by the hub on the loop too, but also by the servlet's shutdown. */
    private volatile boolean connected = true;

    /**
     * @param budget the most bytes queued for this subscriber before the hub cuts it off
     */
    ServletStream(ScheduledExecutorService loop, AsyncContext async, HttpServletResponse response,
            ServletOutputStream out, long budget, Consumer<ServletStream> onEnd) {
        this.loop = loop;
        this.async = async;
        this.response = response;
        this.out = out;
        this.budget = budget;
        this.onEnd = onEnd;
    }

    /** On the loop, right after the hub took the subscription. */
    void attach(SubscriptionHandle handle) {
        this.handle = handle;
        if (ended) {
            handle.close();
        }
    }

    // ---- the hub's side, on the loop ----

    @Override
    public ScheduledExecutorService eventLoop() {
        return loop;
    }

    @Override
    public void open(String lastEventIdHeader) {
        this.lastEventIdHeader = lastEventIdHeader;
        opened = true;
        enqueue(COMMENT);
        drain();
    }

    /**
     * A typed event ({@code event: mercure}, so {@code onmessage} does not see it; no {@code id})
     * saying the resume was not exact.
     */
    @Override
    public void resumeGap(String requestedId) {
        enqueue(ResumeNotice.frame(requestedId));
    }

    @Override
    public void write(StoredUpdate update) {
        enqueue(update.frame());
    }

    @Override
    public void heartbeat() {
        enqueue(COMMENT);
    }

    @Override
    public void flush() {
        drain();
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public boolean isWritable() {
        return !overBudget;
    }

    /**
     * A subscriber cut off for its budget loses what is queued for it (it resumes from history);
     * any other end sends what is queued first. The Servlet API cannot reset a connection: the
     * container closes it.
     */
    @Override
    public void close(CloseReason reason) {
        if (ended) {
            return;
        }
        connected = false;
        if (reason == CloseReason.SLOW_SUBSCRIBER) {
            queue.clear();
            queuedBytes = 0;
            complete();
            return;
        }
        closing = true;
        drain();
        if (!ended) {
            try {
                loop.schedule(this::complete, CLOSING_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (RejectedExecutionException e) {
                complete(); // the servlet is stopping: no grace
            }
        }
    }

    // ---- the container's side: hand over to the loop ----

    @Override
    public void onWritePossible() {
        onLoop(() -> {
            started = true;
            awaitingWritePossible = false;
            drain();
        });
    }

    @Override
    public void onError(Throwable failure) {
        onLoop(() -> gone(failure));
    }

    @Override
    public void onComplete(AsyncEvent event) {
        onLoop(() -> gone(null));
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        onLoop(() -> gone(null));
    }

    @Override
    public void onError(AsyncEvent event) {
        onLoop(() -> gone(event.getThrowable()));
    }

    /** The loop refuses tasks only once the servlet is destroyed, after it ended every stream. */
    private void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("Stream event after the servlet stopped: ignored");
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }

    /**
     * From the servlet's shutdown or drain: on its loop, the stream leaves the hub (counted as
     * drained), hands what it holds to the container and completes, without waiting for a slow
     * client.
     */
    void shutDown() {
        onLoop(() -> {
            if (handle != null) {
                handle.closedBy(CloseReason.DRAINED);
            }
            connected = false;
            drain();
            complete();
        });
    }

    // ---- on the loop ----

    private void enqueue(byte[] frame) {
        if (ended) {
            return;
        }
        queue.add(frame);
        queuedBytes += frame.length;
        if (queuedBytes > budget) {
            overBudget = true;
        }
    }

    /** Writes what is queued while the container can take it, then flushes. */
    private void drain() {
        if (ended || !started || awaitingWritePossible || !opened) {
            return;
        }
        try {
            if (!headSent) {
                sendHead();
            }
            byte[] frame;
            while ((frame = queue.peek()) != null) {
                if (!out.isReady()) {
                    awaitingWritePossible = true;
                    break;
                }
                out.write(frame);
                queue.poll();
                queuedBytes -= frame.length;
                needsFlush = true;
            }
            if (!awaitingWritePossible && needsFlush) {
                if (out.isReady()) {
                    out.flush();
                    needsFlush = false;
                } else {
                    awaitingWritePossible = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            gone(e);
            return;
        }
        if (overBudget && queuedBytes <= budget / 2) {
            overBudget = false;
            if (handle != null) {
                handle.onWritable();
            }
        }
        if (closing && queue.isEmpty() && !needsFlush) {
            complete();
        }
    }

    private void sendHead() {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Content-Type", "text/event-stream");
        response.setHeader("Cache-Control", "private, no-cache, no-store, must-revalidate, max-age=0");
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (lastEventIdHeader != null) {
            // Mercure 1.0 names the response field Mercure-Last-Event-ID; 0.x readers look for Last-Event-ID.
            response.setHeader("Mercure-Last-Event-ID", lastEventIdHeader);
            response.setHeader("Last-Event-ID", lastEventIdHeader);
        }
        headSent = true;
    }

    /** The client went away, or the container failed the stream. */
    private void gone(Throwable failure) {
        if (ended) {
            return;
        }
        if (failure != null) {
            log.debug("Subscriber stream ended: {}", failure.toString());
        }
        complete();
    }

    private void complete() {
        if (ended) {
            return;
        }
        ended = true;
        connected = false;
        queue.clear();
        queuedBytes = 0;
        if (handle != null) {
            handle.close();
        }
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // already completed by the container (client gone)
        }
        onEnd.accept(this);
    }
}
