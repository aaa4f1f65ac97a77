package dev.herald.spring;

import dev.herald.hub.Hub;
import dev.herald.transport.Transport;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The transactional outbox ({@code herald.outbox.enabled=true}): its table in the application's
 * {@link DataSource}, and the relay. The publisher picks the outbox up
 * ({@link HeraldAutoConfiguration}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        before = HeraldAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.jdbc.core.JdbcTemplate",
    "org.springframework.transaction.support.TransactionSynchronizationManager"})
@ConditionalOnProperty(prefix = "herald.outbox", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(HeraldOutboxProperties.class)
public class HeraldOutboxAutoConfiguration {

    @Bean
    OutboxStore heraldOutboxStore(ObjectProvider<DataSource> dataSource, HeraldOutboxProperties properties) {
        DataSource source = dataSource.getIfUnique();
        if (source == null) {
            throw new IllegalStateException("herald.outbox.enabled=true needs the application's DataSource (one): "
                    + "the outbox is a table written in the application's own transactions");
        }
        OutboxStore store = new OutboxStore(new JdbcTemplate(source), properties.getTable());
        if (properties.isInitializeSchema()) {
            store.createIfMissing();
        }
        return store;
    }

    @Bean
    OutboxRelay heraldOutboxRelay(OutboxStore outbox, Hub hub, Transport transport, HeraldOutboxProperties properties) {
        positive("herald.outbox.relay-interval", properties.getRelayInterval());
        if (properties.getGrace() == null || properties.getGrace().isNegative()) {
            throw new IllegalArgumentException("herald.outbox.grace must not be negative: " + properties.getGrace());
        }
        return new OutboxRelay(outbox, hub, transport, properties.getRelayInterval(), properties.getGrace());
    }

    @Bean
    TransactionalOutbox heraldOutbox(OutboxStore outbox, OutboxRelay relay) {
        return afterCommit -> new OutboxPublisher(afterCommit, outbox, relay.deletes(), relay.inFlight());
    }

    private static void positive(String property, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(property + " must be positive: " + value);
        }
    }
}
