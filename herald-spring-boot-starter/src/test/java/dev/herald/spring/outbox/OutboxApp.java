package dev.herald.spring.outbox;

import dev.herald.spring.HeraldAutoConfiguration;
import dev.herald.spring.HeraldOutboxAutoConfiguration;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * An application with a database and the outbox on: its orders and the outbox in one SQLite file
 * (committed transactions reach the file at once), the hub's history in another.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
    TransactionAutoConfiguration.class, HeraldOutboxAutoConfiguration.class, HeraldAutoConfiguration.class})
public class OutboxApp {
    static final String TOPIC = "https://shop.example/orders";

    static AutoConfigurations configurations() {
        return AutoConfigurations.of(DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
                TransactionAutoConfiguration.class, HeraldOutboxAutoConfiguration.class, HeraldAutoConfiguration.class);
    }

    static String[] properties(Path dir) {
        return new String[] {
            "spring.datasource.url=jdbc:sqlite:" + dir.resolve("app.db"),
            "spring.datasource.hikari.maximum-pool-size=2",
            "herald.transport=sqlite",
            "herald.sqlite.data-dir=" + dir.resolve("history"),
            "herald.outbox.enabled=true",
            "herald.outbox.relay-interval=100ms",
            "herald.outbox.grace=1s"
        };
    }
}
