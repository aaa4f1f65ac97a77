package dev.herald.spring.outbox;

import dev.herald.event.Update;
import dev.herald.spring.HeraldPublisher;
import java.nio.file.Path;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Run in a JVM of its own by {@link OutboxCrashIT}: commits an order and its update, then dies
 * the moment the commit is done, before the hub is handed the update ({@code halt}: no shutdown
 * hooks, no context close, as a crash).
 */
public final class CrashAfterCommit {
    static final int CRASHED = 77;

    private CrashAfterCommit() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String updateId = args[1];
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OutboxApp.class)
                .web(WebApplicationType.NONE).properties(OutboxApp.properties(dir)).run();
        JdbcTemplate db = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
        db.execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(64) PRIMARY KEY)");
        context.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
            db.update("INSERT INTO orders VALUES (?)", updateId);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public int getOrder() {
                    return Ordered.HIGHEST_PRECEDENCE;
                }

                @Override
                public void afterCommit() {
                    Runtime.getRuntime().halt(CRASHED);
                }
            });
            context.getBean(HeraldPublisher.class).publish(Update.builder().id(updateId).topic(OutboxApp.TOPIC)
                    .data("order " + updateId + " placed").privateUpdate(true).build());
        });
        System.exit(1); // not reached: the commit halts the JVM
    }
}
