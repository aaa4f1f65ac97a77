package dev.herald.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code herald.outbox.*}: the transactional outbox, so that an update published inside a
 * transaction is not lost to a crash between the commit and the hub storing it.
 */
@ConfigurationProperties("herald.outbox")
public class HeraldOutboxProperties {
    /** Write each update published inside a transaction to the outbox table, in that transaction. */
    private boolean enabled;
    /** The table, in the application's DataSource. */
    private String table = "herald_outbox";
    /** Create the table at startup if it is missing (off when the application's migrations create it). */
    private boolean initializeSchema = true;
    /** How often the relay looks for rows that never reached the hub. */
    private Duration relayInterval = Duration.ofSeconds(5);
    /** Rows younger than this are still on their way after their commit: the relay leaves them. */
    private Duration grace = Duration.ofSeconds(10);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public boolean isInitializeSchema() {
        return initializeSchema;
    }

    public void setInitializeSchema(boolean initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    public Duration getRelayInterval() {
        return relayInterval;
    }

    public void setRelayInterval(Duration relayInterval) {
        this.relayInterval = relayInterval;
    }

    public Duration getGrace() {
        return grace;
    }

    public void setGrace(Duration grace) {
        this.grace = grace;
    }
}
