package dev.herald.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The request timeout of an HTTP/2 connection as a whole: one that has no open stream for that
 * long is closed (with a GOAWAY), as an idle HTTP/1.1 keep-alive connection would be. Each stream
 * has a request timeout of its own. Last in the connection's pipeline.
 *
 * <p>It also ends the connection in a drain: a GOAWAY at once, then the close as soon as the
 * connection has no open stream left.
 */
final class Http2IdleConnectionGuard extends ChannelInboundHandlerAdapter {
    private final long timeoutNanos;
    private ChannelHandlerContext ctx;
    private int openStreams;
    private ScheduledFuture<?> timer;
    private boolean draining;

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
            if (draining) {
                closeGracefully();
            } else {
                arm();
            }
        }
    }

    /**
     * On the event loop, at the start of a drain. The first GOAWAY names the highest stream id
     * possible, as RFC 9113 (6.8) suggests for a graceful shutdown: the client opens no more
     * streams, and those it may have sent already are still answered (503, by the drain guard)
     * rather than dropped unanswered. The connection closes when its last stream has.
     */
    void drain() {
        if (draining || !ctx.channel().isActive()) {
            return;
        }
        draining = true;
        cancel();
        ctx.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR).setExtraStreamIds(Integer.MAX_VALUE));
        if (openStreams == 0) {
            closeGracefully();
        }
    }

    /** The final GOAWAY names the last stream the hub took; no stream is open, so the close follows it. */
    private void closeGracefully() {
        ctx.write(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
        ctx.channel().close();
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
