package dev.herald.server.stream;

import dev.herald.hub.CloseReason;
import dev.herald.hub.SubscriptionHandle;
import dev.herald.server.metrics.DeadClients;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the hub about the connection of a subscription: gone (freed at once, not at the next
 * write) or writable again. Anything the client sends on a stream is ignored.
 */
public final class SubscriptionChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SubscriptionChannelHandler.class);

    private SubscriptionHandle handle;
    private boolean inactive;

    /** Called on the event loop right after the subscription is created. */
    public void attach(SubscriptionHandle handle) {
        this.handle = handle;
        if (inactive) {
            handle.close();
        }
    }

    /** A drain ended it (it marked the channel), or else the client went away. */
    private void ended(ChannelHandlerContext ctx) {
        if (Boolean.TRUE.equals(ctx.channel().attr(StreamDrain.DRAINED).get())) {
            handle.closedBy(CloseReason.DRAINED);
        } else {
            handle.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive = true;
        if (handle != null) {
            ended(ctx);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (handle != null && ctx.channel().isWritable()) {
            handle.onWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        DeadClients.countIfTimedOut(ctx.channel(), cause);
        if (cause instanceof IOException) {
            log.debug("Subscriber connection error: {}", cause.toString());
        } else {
            log.warn("Unexpected error on a subscriber connection; closing it", cause);
        }
        ctx.close();
    }
}
