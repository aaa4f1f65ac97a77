package dev.herald.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;

/**
 * A subscriber entitled to the hub's subscription events, which the storm scenario runs so those
 * events have a reader, as they would in production: sends its request (with a token), checks the
 * response head, then counts the storm's events. Confined to its event loop; the counts are read
 * once that loop has stopped.
 */
final class EventWatcherHandler extends ChannelInboundHandlerAdapter {
    private final FullHttpRequest request;
    private final SubscriptionEventCounter counter;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private boolean open;

    EventWatcherHandler(FullHttpRequest request, String stormTopicPrefix) {
        this.request = request;
        this.counter = new SubscriptionEventCounter(stormTopicPrefix);
    }

    /** Completes when the stream is open; fails with the reason it could not open. */
    CompletableFuture<Void> opened() {
        return opened;
    }

    SubscriptionEventCounter counter() {
        return counter;
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
                    opened.completeExceptionally(new IllegalStateException("event watcher got " + problem
                            + " (is the watcher token accepted?)"));
                    ctx.close();
                    return;
                }
                open = true;
                opened.complete(null);
            }
            if (msg instanceof HttpContent content && open) {
                counter.feed(content.content());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        opened.completeExceptionally(new IllegalStateException("event watcher closed before the response head"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        opened.completeExceptionally(cause);
        ctx.close();
    }
}
