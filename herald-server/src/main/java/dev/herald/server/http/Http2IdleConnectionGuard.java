package dev.herald.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The request timeout of an HTTP/2 connection as a whole: one that has no open stream for that
 * long is closed (with a GOAWAY), as an idle HTTP/1.1 keep-alive connection would be. Each stream
 * has a request timeout of its own. Last in the connection's pipeline.
 */
final class Http2IdleConnectionGuard extends ChannelInboundHandlerAdapter {
    private final long timeoutNanos;
    private ChannelHandlerContext ctx;
    private int openStreams;
    private ScheduledFuture<?> timer;

    Http2IdleConnectionGuard(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        arm();
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

    /** Connection-level frames (SETTINGS, PING, GOAWAY) end here: the codec has already acted on them. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    /** On the event loop, as the stream's channel is set up. */
    void streamOpened(Channel stream) {
        openStreams++;
        cancel();
        stream.closeFuture().addListener(f -> streamClosed());
    }

    private void streamClosed() {
        if (--openStreams == 0 && ctx.channel().isActive()) {
            arm();
        }
    }

    private void arm() {
        cancel();
        timer = ctx.executor().schedule(() -> ctx.channel().close(), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
