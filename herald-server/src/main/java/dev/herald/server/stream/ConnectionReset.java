package dev.herald.server.stream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;

/**
 * Aborts a connection: SO_LINGER 0, then close, so the kernel drops whatever it still holds for
 * the peer and sends RST. A graceful close would queue a FIN behind that data instead: to a peer
 * whose receive window is shut, the connection would then sit in FIN-WAIT-1 with its whole send
 * buffer for as long as the peer answers window probes, and the peer would learn nothing.
 */
final class ConnectionReset {
    private ConnectionReset() {}

    static void abort(Channel channel) {
        if (channel.isOpen()) {
            // Channels without the option (an embedded one in tests) just close.
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
        }
        channel.close();
    }
}
