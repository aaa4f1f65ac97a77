package dev.herald.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import org.junit.jupiter.api.Test;

class SubscriberStreamTest {

    @Test
    void reportsTheConnectionGoneOnceItsChannelIsClosed() {
        EmbeddedChannel channel = new EmbeddedChannel();
        SubscriberStream stream = new SubscriberStream(channel, FrameWriter.netty(channel), EmptyHttpHeaders.INSTANCE);
        assertThat(stream.isConnected()).isTrue();

        channel.close();

        assertThat(stream.isConnected()).isFalse();
    }
}
