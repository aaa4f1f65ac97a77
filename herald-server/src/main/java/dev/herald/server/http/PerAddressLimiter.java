package dev.herald.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * Refuses a client's connections past the configured number with a 429, so that one client
 * cannot take every connection the hub allows. Counted from accept to close, whatever the
 * connection carries (requests or a stream), and before any byte is read.
 *
 * <p>One HTTP/2 connection carries many subscriptions, so there each subscription stream counts
 * as a connection would: the connection's own slot covers its first, each further one takes a
 * slot of its own until its stream closes. Other streams (publishes, stats) are not counted, as a
 * request on a kept-alive HTTP/1.1 connection is not.
 */
@ChannelHandler.Sharable
final class PerAddressLimiter extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<String> HELD = AttributeKey.valueOf("herald.addressSlot");
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("herald.addressRefused");
    /** On an HTTP/2 connection: its open subscription streams. Used on its event loop only. */
    private static final AttributeKey<Integer> SUBSCRIPTION_STREAMS = AttributeKey.valueOf("herald.subscriptionStreams");

    private final ConcurrencyLimit limit;

    PerAddressLimiter(int maxPerAddress) {
        this.limit = new ConcurrencyLimit(maxPerAddress);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String address = ClientAddress.of(ctx.channel().remoteAddress());
        if (!limit.tryAcquire(address)) {
            ctx.channel().attr(REFUSED).set(Boolean.TRUE);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(TooManyRequests.raw(refusal(address),
                    TooManyRequests.CONCURRENCY_RETRY_SECONDS))).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.channel().attr(HELD).set(address);
        ctx.fireChannelActive();
    }

    /**
     * For a subscription about to start on {@code ctx}'s channel: true on HTTP/1.1 (its connection
     * was counted when accepted), or when the limit admits one more stream on its HTTP/2
     * connection; otherwise false, and the request answered 429.
     */
    static boolean admitSubscription(ChannelHandlerContext ctx, HttpRequest request) {
        if (!(ctx.channel() instanceof Http2StreamChannel stream)
                || !(stream.parent().pipeline().get(HttpChannelInitializer.ADDRESS_LIMITER) instanceof PerAddressLimiter limiter)) {
            return true;
        }
        return limiter.admitStream(ctx, request, stream.parent());
    }

    private boolean admitStream(ChannelHandlerContext ctx, HttpRequest request, Channel connection) {
        String address = connection.attr(HELD).get();
        if (address == null) {
            return true; // the connection is closing: its streams with it
        }
        Attribute<Integer> streams = connection.attr(SUBSCRIPTION_STREAMS);
        int open = streams.get() == null ? 0 : streams.get();
        if (open > 0 && !limit.tryAcquire(address)) {
            TooManyRequests.send(ctx, request, refusal(address) + "; each HTTP/2 subscription counts as one",
                    TooManyRequests.CONCURRENCY_RETRY_SECONDS);
            return false;
        }
        streams.set(open + 1);
        // Slots taken = subscription streams - 1 (the first rides on the connection's), whichever closes first.
        ctx.channel().closeFuture().addListener(f -> {
            int left = streams.get() - 1;
            streams.set(left);
            if (left > 0) {
                limit.release(address);
            }
        });
        return true;
    }

    private String refusal(String address) {
        return "Too many connections from " + address + ": the limit is " + limit.max()
                + " per client address (max connections per IP)";
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
