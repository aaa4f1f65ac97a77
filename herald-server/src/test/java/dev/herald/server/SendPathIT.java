package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.testing.RunningHub;
import org.junit.jupiter.api.Test;

/**
 * The integration tests run twice, with the direct send path on and off. Each failsafe execution
 * names the path it means in {@code herald.it.sendPath}; this checks the hubs of the run use it.
 */
class SendPathIT {

    @Test
    void theHubsOfThisRunUseTheSendPathTheBuildAskedFor() {
        String asked = System.getProperty("herald.it.sendPath", "direct");

        assertThat(asked).isIn("direct", "netty-queue");
        assertThat(RunningHub.defaults().directSend()).as("direct send with herald.it.sendPath=%s", asked)
                .isEqualTo(asked.equals("direct"));
    }
}
