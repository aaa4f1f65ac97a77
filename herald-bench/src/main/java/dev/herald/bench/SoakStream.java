package dev.herald.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;

/**
 * One connection of a {@link SoakSession}: sends the subscribe request (with {@code Last-Event-ID}
 * when resuming), checks the response head, and hands every event to the load. Tells the load
 * once when the stream opens or fails to, and once when an open stream ends.
 */
final class SoakStream extends ChannelInboundHandlerAdapter implements SseEvents.Listener {
    /** What the load hears from a stream. */
    interface Events {
        void opened(SoakStream s, boolean inexactResume);

        void failed(SoakStream s, String reason);

        void event(SoakStream s, String id, String type, String data);

        void closed(SoakStream s);
    }

    final SoakSession session;
    /** The id this connection resumes after, or null for a fresh subscription. */
    final String resumeAfter;
    private final FullHttpRequest request;
    private final Events events;
    private final SseEvents parser = new SseEvents(this);
    private Channel channel;
    private boolean open;
    private boolean settled;

    SoakStream(SoakSession session, String resumeAfter, FullHttpRequest request, Events events) {
        this.session = session;
        this.resumeAfter = resumeAfter;
        this.request = request;
        this.events = events;
    }

    /** The connection, once the connect has been started. */
    void bind(Channel channel) {
        this.channel = channel;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
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
                // The hub answers "earliest" when the id asked for is no longer in history: not exact.
                boolean inexact = resumeAfter != null
                        && !resumeAfter.equals(head.headers().get("Mercure-Last-Event-ID"));
                events.opened(this, inexact);
            }
            if (msg instanceof HttpContent content && open) {
                parser.feed(content.content());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void onEvent(String id, String type, String data) {
        events.event(this, id, type, data);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (open) {
            open = false;
            events.closed(this);
        } else {
            fail("closed before the response head");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!open) {
            fail(cause.toString());
        }
        ctx.close(); // an open stream's end (a reset after a cut-off) is reported by channelInactive
    }

    /** Connect failures never reach the pipeline; the load reports them here. */
    void fail(String reason) {
        if (!settled) {
            settled = true;
            events.failed(this, reason);
        }
    }
}
