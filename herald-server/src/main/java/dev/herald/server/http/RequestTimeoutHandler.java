package dev.herald.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Guards against clients that open a connection and trickle a request in (slowloris) or sit idle:
 * a request must arrive completely within the timeout of its first byte, and an idle keep-alive
 * connection must start its next request within the timeout. Removed when the connection becomes
 * an event stream.
 */
final class RequestTimeoutHandler extends ChannelInboundHandlerAdapter {
    private static final byte[] TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n"
            + "Content-Length: 29\r\n\r\nRequest not received in time\n").getBytes(StandardCharsets.US_ASCII);

    private final long timeoutNanos;
    private ScheduledFuture<?> timer;
    private boolean receiving;

    RequestTimeoutHandler(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!receiving && msg instanceof ByteBuf buf && buf.isReadable()) {
            receiving = true; // the deadline now runs from this request's first byte
            arm(ctx);
        }
        ctx.fireChannelRead(msg);
    }

    /** The router answered a complete request: the connection is idle again. */
    void requestDone(ChannelHandlerContext ctx) {
        receiving = false;
        arm(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void arm(ChannelHandlerContext ctx) {
        cancel();
        timer = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void expire(ChannelHandlerContext ctx) {
        if (receiving) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
