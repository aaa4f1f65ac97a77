package dev.herald.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.util.List;

/**
 * Cleartext HTTP/2 by prior knowledge (h2c, for a proxy in front that speaks HTTP/2 to the hub):
 * a connection that opens with the HTTP/2 preface becomes HTTP/2, any other stays HTTP/1.1.
 * Removes itself on the first bytes that decide, handing them on.
 */
final class H2cPrefaceDetector extends ByteToMessageDecoder {
    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final HttpChannelInitializer protocols;

    H2cPrefaceDetector(HttpChannelInitializer protocols) {
        this.protocols = protocols;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int length = Math.min(in.readableBytes(), PREFACE.readableBytes());
        if (!ByteBufUtil.equals(in, in.readerIndex(), PREFACE, PREFACE.readerIndex(), length)) {
            protocols.addHttp1(ctx.pipeline());
            ctx.pipeline().remove(this);
        } else if (length == PREFACE.readableBytes()) {
            protocols.switchToHttp2(ctx.pipeline());
            ctx.pipeline().remove(this);
        }
        // else: a prefix of the preface so far; wait for more
    }
}
