package dev.herald.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** After the TLS handshake: HTTP/2 if the client chose {@code h2} by ALPN, HTTP/1.1 otherwise. */
final class AlpnNegotiator extends ApplicationProtocolNegotiationHandler {
    private static final Logger log = LoggerFactory.getLogger(AlpnNegotiator.class);

    private final HttpChannelInitializer protocols;

    AlpnNegotiator(HttpChannelInitializer protocols) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.protocols = protocols;
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
            protocols.switchToHttp2(ctx.pipeline());
        } else {
            protocols.addHttp1(ctx.pipeline());
        }
    }

    /** Scanners, plain HTTP on the TLS port, clients that distrust the certificate: routine, not warnings. */
    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("TLS connection from {} failed before its protocol was chosen: {}",
                ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
