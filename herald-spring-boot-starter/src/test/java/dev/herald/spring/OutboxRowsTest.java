package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.Update;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxRowsTest {

    @Test
    void everyFieldSurvivesTheRow() {
        Update update = new Update("urn:uuid:1&2=3", List.of("https://example.com/a?x=1&y=2", "https://example.com/b c"),
                "line one\nline two: 100% + more & é ✓", "note", 2500L, true);

        assertThat(OutboxRows.decode(OutboxRows.encode(update))).isEqualTo(update);
    }

    @Test
    void optionalFieldsStayAbsent() {
        Update update = new Update("id-1", List.of("https://example.com/a"), "", null, null, false);

        String row = OutboxRows.encode(update);

        assertThat(row).doesNotContain("type=", "retry=", "private=");
        assertThat(OutboxRows.decode(row)).isEqualTo(update);
    }
}
