package dev.herald.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;

/**
 * One SSE subscriber connection (or an HTTP/2 stream, its frames turned into HTTP objects): sends
 * the request, checks the response head, then feeds the body to an {@link SseScanner} and accounts
 * every event by its sequence.
 */
final class SubscriberHandler extends ChannelInboundHandlerAdapter implements SseScanner.Listener {
    /** Told when the stream is open, when it could not open, and when an open stream ends. */
    interface Events {
        void ready(SubscriberHandler h);

        void failed(SubscriberHandler h, String reason);

        void disconnected(SubscriberHandler h);
    }

    final int index;
    final SeqTracker tracker = new SeqTracker();
    private final FullHttpRequest request;
    private final Events events;
    private final Shard.Clock clock;
    private final SseScanner scanner = new SseScanner(this);
    private LoopStats stats;
    private boolean open;
    private boolean settled;
    private long readMicros;

    SubscriberHandler(int index, FullHttpRequest request, Events events, Shard.Clock clock) {
        this.index = index;
        this.request = request;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        stats = clock.statsFor(ctx.channel().eventLoop());
        ctx.writeAndFlush(request);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse head) {
                String problem = EventStreamHead.problem(head);
                if (problem != null) {
                    fail(problem);
                    ctx.close();
                    return;
                }
                open = true;
                settled = true;
                events.ready(this);
            }
            if (msg instanceof HttpContent content && open) {
                readMicros = WallClock.micros(); // one clock read per socket read, not per event
                scanner.feed(content.content());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void onEvent(long sentMicros, long seq) {
        if (tracker.record(seq)) {
            stats.delivered(sentMicros, readMicros, clock.measureFromMicros(), clock.measureToMicros());
        }
    }

    @Override
    public void onMalformed() {
        stats.malformed++;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (open) {
            open = false;
            events.disconnected(this);
        } else {
            fail("closed before the response head");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause.toString());
        ctx.close();
    }

    /** Connect failures never reach the pipeline; the pool reports them here. */
    void fail(String reason) {
        if (!settled) {
            settled = true;
            events.failed(this, reason);
        }
    }
}
