package dev.herald.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentErrorsTest {
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzb21lb25lIn0.YWJjZGVmZ2hpamtsbW5vcA";

    @Test
    void keepsTheNewestUpToItsCapacityNewestFirst() {
        RecentErrors errors = new RecentErrors(3);
        for (int i = 1; i <= 5; i++) {
            errors.add(Instant.ofEpochSecond(i), 400 + i, "GET", "/p" + i, "m" + i);
        }
        assertThat(errors.newestFirst()).extracting(RecentErrors.Entry::path).containsExactly("/p5", "/p4", "/p3");
    }

    @Test
    void dropsTheQueryAndBlanksTokensInPathAndMessage() {
        RecentErrors errors = new RecentErrors();
        errors.add(Instant.EPOCH, 401, "GET", "/.well-known/mercure?authorization=" + JWT, "Invalid token: " + JWT);
        errors.add(Instant.EPOCH, 401, "POST", "/x/" + JWT, "header was Bearer abc.def-secret\r\nsecond line");
        errors.add(Instant.EPOCH, 400, "GET", "/y\0\r\nz", "a" + "Z".repeat(60) + " rest");

        List<RecentErrors.Entry> entries = errors.newestFirst();
        assertThat(entries.get(2).path()).isEqualTo("/.well-known/mercure");
        assertThat(entries.get(2).message()).isEqualTo("Invalid token: [redacted]");
        assertThat(entries.get(1).path()).isEqualTo("/x/[redacted]");
        assertThat(entries.get(1).message()).isEqualTo("header was [redacted] second line");
        assertThat(entries.get(0).message()).isEqualTo("[redacted] rest");
        assertThat(entries.get(0).path()).as("control characters blanked").isEqualTo("/y z");
    }

    @Test
    void keepsOrdinaryTopicsAndMessagesReadable() {
        RecentErrors errors = new RecentErrors();
        errors.add(Instant.EPOCH, 403, "POST", "/.well-known/mercure",
                "The token does not allow publishing to topic: https://example.com/books/1");
        assertThat(errors.newestFirst().get(0).message())
                .isEqualTo("The token does not allow publishing to topic: https://example.com/books/1");
    }

    @Test
    void boundsWhatItKeepsOfLongPathsAndMessages() {
        RecentErrors errors = new RecentErrors();
        errors.add(Instant.EPOCH, 404, "GET", "/a/" + "b/".repeat(200), "x ".repeat(500));
        RecentErrors.Entry e = errors.newestFirst().get(0);
        assertThat(e.path()).hasSizeLessThanOrEqualTo(120).endsWith("…");
        assertThat(e.message()).hasSizeLessThanOrEqualTo(240).endsWith("…");
    }
}
