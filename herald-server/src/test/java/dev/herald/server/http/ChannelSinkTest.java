package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class ChannelSinkTest {

    @Test
    void reportsTheConnectionGoneOnceItsChannelIsClosed() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ChannelSink sink = new ChannelSink(channel, true);
        assertThat(sink.isConnected()).isTrue();

        channel.close();

        assertThat(sink.isConnected()).isFalse();
    }
}
