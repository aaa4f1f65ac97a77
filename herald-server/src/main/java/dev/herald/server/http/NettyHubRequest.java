package dev.herald.server.http;

import dev.herald.protocol.FormDecoder;
import dev.herald.protocol.HubRequest;
import dev.herald.protocol.HubUrls;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.Map;

/**
 * A Netty request as the protocol layer reads it.
 *
 * @param channel the request's connection, or its HTTP/2 stream
 */
record NettyHubRequest(Channel channel, HttpRequest request) implements HubRequest {

    static String hubUrl(Channel channel, HttpRequest request) {
        return HubUrls.of(new NettyHubRequest(channel, request));
    }

    /** The fields of the request's form body; see {@link FormDecoder#decodeBody}. */
    static Map<String, List<String>> formBody(FullHttpRequest request) {
        return FormDecoder.decodeBody(request.headers().get(HttpHeaderNames.CONTENT_TYPE),
                ByteBufUtil.getBytes(request.content()));
    }

    @Override
    public String header(String name) {
        return request.headers().get(name);
    }

    @Override
    public List<String> headers(String name) {
        return request.headers().getAll(name);
    }

    @Override
    public boolean secure() {
        return TlsChannels.isTls(channel);
    }
}
