package dev.herald.spring;

import dev.herald.event.Update;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publish after commit, with nothing lost to a crash in between: inside a transaction the update
 * is also written to the outbox table, in that same transaction. After the commit the hub gets it
 * as before, and the row is deleted once the hub stored it; if the process dies first, the row
 * is still there and the {@link OutboxRelay} publishes it (with the same id) when the application
 * runs again. Outside a transaction there is no commit to wait for, and it publishes at once.
 */
final class OutboxPublisher implements HeraldPublisher {
    private final HeraldPublisher afterCommit;
    private final OutboxStore outbox;
    /** Deletes rows off the hub's threads: the database may be slow, the hub's threads must not wait. */
    private final Executor deletes;
    /** Shared with the relay, which leaves these rows alone. */
    private final Set<String> inFlight;

    OutboxPublisher(HeraldPublisher afterCommit, OutboxStore outbox, Executor deletes, Set<String> inFlight) {
        this.afterCommit = afterCommit;
        this.outbox = outbox;
        this.deletes = deletes;
        this.inFlight = inFlight;
    }

    @Override
    public CompletionStage<String> publish(Update update) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return afterCommit.publish(update);
        }
        inFlight.add(update.id());
        try {
            outbox.insert(update); // rolls back with the transaction
        } catch (RuntimeException e) {
            inFlight.remove(update.id());
            throw e;
        }
        CompletionStage<String> stored = afterCommit.publish(update);
        stored.whenComplete((id, failure) -> {
            if (failure != null) {
                inFlight.remove(update.id()); // rolled back (no row), or the hub refused it: the relay's now
                return;
            }
            deletes.execute(() -> {
                try {
                    outbox.delete(update.id());
                } finally {
                    inFlight.remove(update.id());
                }
            });
        });
        return stored;
    }
}
