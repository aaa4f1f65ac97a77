package dev.herald.spring.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.StoredUpdate;
import dev.herald.event.Update;
import dev.herald.hub.Hub;
import dev.herald.spring.HeraldAutoConfiguration;
import dev.herald.spring.HeraldOutboxAutoConfiguration;
import dev.herald.spring.HeraldPublisher;
import dev.herald.testkit.Poll;
import dev.herald.transport.Transport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox on real files (SQLite for the application's database and for the
 * history): an update committed by a process that died before handing it to the hub is published
 * when the application runs again, once; a committed update's row goes once the hub stored it; a
 * rolled-back one leaves nothing; a row whose update the history already holds is not published twice.
 */
class OutboxCrashIT {
    @TempDir
    Path dir;

    private ApplicationContextRunner app() {
        return new ApplicationContextRunner().withConfiguration(OutboxApp.configurations())
                .withPropertyValues(OutboxApp.properties(dir));
    }

    @Test
    void anUpdateCommittedByAProcessThatDiedIsPublishedWhenTheApplicationRunsAgain() throws Exception {
        String id = "urn:test:order-1";
        Process crashing = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashAfterCommit.class.getName(), dir.toString(), id)
                .redirectErrorStream(true).redirectOutput(dir.resolve("crash.log").toFile()).start();
        assertThat(crashing.waitFor(60, TimeUnit.SECONDS)).as("the crashing process ended").isTrue();
        assertThat(crashing.exitValue()).as("it died right after the commit (see crash.log)")
                .isEqualTo(CrashAfterCommit.CRASHED);

        app().run(context -> {
            Transport history = context.getBean(Transport.class);
            JdbcTemplate db = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
            assertThat(db.queryForList("SELECT id FROM orders", String.class)).as("the order committed").containsExactly(id);

            Poll.until(() -> outboxRows(db) == 0, Poll.TIMEOUT, () -> "outbox rows left: " + outboxRows(db));

            assertThat(history.readAfter(0, 100)).extracting(StoredUpdate::update).extracting(Update::id)
                    .containsExactly(id);
            Update relayed = history.readAfter(0, 100).get(0).update();
            assertThat(relayed.data()).isEqualTo("order " + id + " placed");
            assertThat(relayed.privateUpdate()).isTrue();
            assertThat(relayed.topics()).containsExactly(OutboxApp.TOPIC);
        });
    }

    @Test
    void aCommittedUpdatesRowGoesOnceTheHubStoredItAndARolledBackOneLeavesNothing() {
        app().run(context -> {
            JdbcTemplate db = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
            TransactionTemplate tx = context.getBean(TransactionTemplate.class);
            HeraldPublisher herald = context.getBean(HeraldPublisher.class);
            Transport history = context.getBean(Transport.class);
            long[] rowsInTransaction = new long[1];

            String id = tx.execute(status -> {
                herald.publish(Update.builder().id("committed").topic(OutboxApp.TOPIC).data("kept").build());
                rowsInTransaction[0] = outboxRows(db);
                return "committed";
            });
            tx.executeWithoutResult(status -> {
                herald.publish(Update.builder().id("rolled-back").topic(OutboxApp.TOPIC).data("gone").build());
                status.setRollbackOnly();
            });

            assertThat(rowsInTransaction[0]).as("the row is written inside the transaction").isEqualTo(1);
            Poll.until(() -> outboxRows(db) == 0, Poll.TIMEOUT, () -> "outbox rows left: " + outboxRows(db));
            assertThat(history.readAfter(0, 100)).extracting(s -> s.update().id()).containsExactly(id);
        });
    }

    @Test
    void aRowWhoseUpdateTheHistoryHoldsIsDeletedWithoutPublishingAgain() {
        app().run(context -> {
            JdbcTemplate db = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
            Transport history = context.getBean(Transport.class);
            // The hub stored it, and the process died before deleting its row.
            Update update = Update.builder().id("stored-then-crashed").topic(OutboxApp.TOPIC).data("once").build();
            context.getBean(Hub.class).publish(update).toCompletableFuture().get(10, TimeUnit.SECONDS);
            db.update("INSERT INTO herald_outbox (id, seq, body) VALUES (?, ?, ?)", update.id(), 1L,
                    "topic=" + URLEncoder.encode(OutboxApp.TOPIC, StandardCharsets.UTF_8)
                            + "&id=stored-then-crashed&data=once");

            Poll.until(() -> outboxRows(db) == 0, Poll.TIMEOUT, () -> "outbox rows left: " + outboxRows(db));

            List<StoredUpdate> stored = history.readAfter(0, 100);
            assertThat(stored).extracting(s -> s.update().id()).containsExactly("stored-then-crashed");
        });
    }

    @Test
    void settingsThatCannotWorkFailStartupByName() {
        app().withPropertyValues("herald.outbox.table=outbox; DROP TABLE orders").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("herald.outbox.table must be a plain SQL name"));
        app().withPropertyValues("herald.outbox.relay-interval=0s").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessageContaining("herald.outbox.relay-interval must be positive"));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HeraldOutboxAutoConfiguration.class, HeraldAutoConfiguration.class))
                .withPropertyValues("herald.outbox.enabled=true")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("herald.outbox.enabled=true needs the application's DataSource"));
    }

    private static long outboxRows(JdbcTemplate db) {
        Long n = db.queryForObject("SELECT COUNT(*) FROM herald_outbox", Long.class);
        return n == null ? 0 : n;
    }
}
