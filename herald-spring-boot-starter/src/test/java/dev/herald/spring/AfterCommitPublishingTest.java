package dev.herald.spring;

import static dev.herald.spring.HeraldAutoConfigurationTest.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.event.Update;
import dev.herald.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publish-after-commit on a real database (an embedded H2) and Spring's own transaction manager:
 * what a transaction publishes reaches the hub only if the row it describes was committed.
 */
class AfterCommitPublishingTest {
    private final ApplicationContextRunner app = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                    HeraldAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:inbox;DB_CLOSE_DELAY=-1",
                    "spring.datasource.generate-unique-name=true");

    @Test
    void anUpdateInsideATransactionGoesOutOnlyOnceItCommits() {
        app.run(context -> {
            JdbcTemplate db = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
            db.execute("CREATE TABLE notifications (id INT PRIMARY KEY, text VARCHAR(100))");
            HeraldPublisher publisher = context.getBean(HeraldPublisher.class);
            Transport history = context.getBean(Transport.class);
            TransactionTemplate tx = context.getBean(TransactionTemplate.class);
            List<Integer> heldDuringTransaction = new ArrayList<>();

            CompletableFuture<String> answer = tx.execute(status -> {
                db.update("INSERT INTO notifications VALUES (1, 'hello')");
                CompletableFuture<String> published = publisher.publish(update("hello")).toCompletableFuture();
                heldDuringTransaction.add(history(history).size());
                return published;
            });

            assertThat(heldDuringTransaction).containsExactly(0);
            String id = answer.get(10, TimeUnit.SECONDS);
            assertThat(history(history)).extracting(u -> u.update().id()).containsExactly(id);
        });
    }

    @Test
    void aRolledBackTransactionPublishesNothingAndSaysSo() {
        app.run(context -> {
            HeraldPublisher publisher = context.getBean(HeraldPublisher.class);
            TransactionTemplate tx = context.getBean(TransactionTemplate.class);

            CompletableFuture<String> answer = tx.execute(status -> {
                CompletableFuture<String> published = publisher.publish(update("never")).toCompletableFuture();
                status.setRollbackOnly();
                return published;
            });

            assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(UpdateDiscardedException.class).hasMessageContaining("rolled back");
            assertThat(history(context.getBean(Transport.class))).isEmpty();
        });
    }

    @Test
    void aTransactionsUpdatesGoOutInTheOrderTheyWerePublished() {
        app.run(context -> {
            HeraldPublisher publisher = context.getBean(HeraldPublisher.class);
            TransactionTemplate tx = context.getBean(TransactionTemplate.class);

            List<CompletableFuture<String>> answers = tx.execute(status -> {
                List<CompletableFuture<String>> out = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    out.add(publisher.publish(update("n" + i)).toCompletableFuture());
                }
                return out;
            });
            for (CompletableFuture<String> a : answers) {
                a.get(10, TimeUnit.SECONDS);
            }

            assertThat(history(context.getBean(Transport.class))).extracting(u -> u.update().data())
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).mapToObj(i -> "n" + i).toList());
        });
    }

    @Test
    void anExceptionThrownInsideTheTransactionDiscardsItsUpdates() {
        app.run(context -> {
            HeraldPublisher publisher = context.getBean(HeraldPublisher.class);
            TransactionTemplate tx = context.getBean(TransactionTemplate.class);
            List<CompletableFuture<String>> answers = new ArrayList<>();

            assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                answers.add(publisher.publish(update("half-done")).toCompletableFuture());
                throw new IllegalStateException("the business rule failed");
            })).hasMessage("the business rule failed");

            assertThat(answers.get(0)).isCompletedExceptionally();
            assertThat(history(context.getBean(Transport.class))).isEmpty();
        });
    }

    @Test
    void outsideATransactionItPublishesAtOnce() {
        app.run(context -> {
            String id = context.getBean(HeraldPublisher.class).publish(update("now")).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);

            assertThat(history(context.getBean(Transport.class))).extracting(u -> u.update().id()).containsExactly(id);
        });
    }

    private static Update update(String data) {
        return Update.builder().topic("https://inbox.example/users/alice").data(data).privateUpdate(true).build();
    }
}
