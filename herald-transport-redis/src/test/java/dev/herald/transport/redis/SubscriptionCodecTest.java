package dev.herald.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.herald.presence.ActiveSubscription;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SubscriptionCodecTest {
    @Test
    void aSubscriptionComesBackAsItWasWithOrWithoutPayloadWhateverItsCharacters() {
        for (ActiveSubscription s : new ActiveSubscription[] {
                new ActiveSubscription("urn:uuid:1", "exact", "https://example.com/a b/ü\n\u0000%2F", "{\"n\":\"é\"}"),
                new ActiveSubscription("urn:uuid:2", "uritemplate", "", null)}) {
            assertThat(SubscriptionCodec.decode(SubscriptionCodec.encode(s))).isEqualTo(s);
        }
    }

    @Test
    void bytesThatAreNotAStoredSubscriptionAreRefused() {
        byte[] stored = SubscriptionCodec.encode(new ActiveSubscription("urn:uuid:1", "exact", "topic", null));
        assertThatIllegalArgumentException().isThrownBy(() -> SubscriptionCodec.decode(Arrays.copyOf(stored, stored.length - 6)));
        assertThatIllegalArgumentException().isThrownBy(() -> SubscriptionCodec.decode("junk".getBytes(StandardCharsets.UTF_8)));
        assertThatIllegalArgumentException().isThrownBy(() -> SubscriptionCodec.decode(new byte[0]));
    }
}
