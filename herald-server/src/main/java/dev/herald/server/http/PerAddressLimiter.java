package dev.herald.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * Refuses a client's connections past the configured number with a 429, so that one client
 * cannot take every connection the hub allows. Counted from accept to close, whatever the
 * connection carries (requests or a stream), and before any byte is read.
 */
@ChannelHandler.Sharable
final class PerAddressLimiter extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<String> HELD = AttributeKey.valueOf("herald.addressSlot");
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("herald.addressRefused");

    private final ConcurrencyLimit limit;

    PerAddressLimiter(int maxPerAddress) {
        this.limit = new ConcurrencyLimit(maxPerAddress);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String address = ClientAddress.of(ctx.channel().remoteAddress());
        if (!limit.tryAcquire(address)) {
            ctx.channel().attr(REFUSED).set(Boolean.TRUE);
            String message = "Too many connections from " + address + ": the limit is " + limit.max()
                    + " per client address (max connections per IP)";
            ctx.writeAndFlush(Unpooled.wrappedBuffer(TooManyRequests.raw(message,
                    TooManyRequests.CONCURRENCY_RETRY_SECONDS))).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.channel().attr(HELD).set(address);
        ctx.fireChannelActive();
    }

    /** A refused connection's request is read and dropped: closing with it unread would reset the connection. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (ctx.channel().hasAttr(REFUSED)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        String address = ctx.channel().attr(HELD).getAndSet(null);
        if (address != null) {
            limit.release(address);
            ctx.fireChannelInactive();
        }
    }
}
