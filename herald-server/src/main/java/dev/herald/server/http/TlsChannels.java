package dev.herald.server.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;

/** Whether a request's connection is encrypted: an HTTP/2 stream asks the connection it belongs to. */
final class TlsChannels {
    private TlsChannels() {}

    static boolean isTls(Channel channel) {
        Channel connection = channel instanceof Http2StreamChannel ? channel.parent() : channel;
        return connection.pipeline().get(SslHandler.class) != null;
    }
}
