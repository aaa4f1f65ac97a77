package dev.herald.app.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.HubClient;
import dev.herald.app.testing.HubProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald serve} on a history file it cannot trust: an error naming it, a non-zero exit. */
class RefusedStartIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void aSecondHubOnTheSameDataDirectoryExitsAndTheFirstKeepsServing() throws Exception {
        try (HubProcess first = HubProcess.start(dataDir)) {
            int port = first.awaitListening(TIMEOUT);
            try (HubProcess second = HubProcess.start(dataDir)) {
                assertThat(second.awaitExit(TIMEOUT)).isEqualTo(2);
                assertThat(second.log()).contains(dataDir.resolve("herald.db").toString())
                        .contains("in use by another Herald hub");
            }
            assertThat(new HubClient(port).publish("t", "still here")).as("id of an update the first hub accepted")
                    .startsWith("urn:uuid:");
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsLeftAloneAndTheHubExits() throws Exception {
        Path db = dataDir.resolve("herald.db");
        Files.writeString(db, "these are someone's notes, not a database\n".repeat(10));
        String before = Files.readString(db);

        try (HubProcess hub = HubProcess.start(dataDir)) {
            assertThat(hub.awaitExit(TIMEOUT)).isEqualTo(2);
            assertThat(hub.log()).contains(db.toString()).contains("not an SQLite database");
        }
        assertThat(Files.readString(db)).isEqualTo(before);
    }
}
