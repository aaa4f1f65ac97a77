package dev.herald.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;

/**
 * On an HTTP/2 stream, the raw bytes an event stream writes after its response head (the same
 * shared frames as on HTTP/1.1) become DATA frames, flow-controlled like any other.
 */
@ChannelHandler.Sharable
final class RawBytesToDataFrames extends ChannelOutboundHandlerAdapter {
    static final RawBytesToDataFrames INSTANCE = new RawBytesToDataFrames();

    private RawBytesToDataFrames() {}

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg instanceof ByteBuf bytes ? new DefaultHttp2DataFrame(bytes) : msg, promise);
    }
}
