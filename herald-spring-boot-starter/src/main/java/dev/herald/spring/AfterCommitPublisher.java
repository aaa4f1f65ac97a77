package dev.herald.spring;

import dev.herald.event.Update;
import dev.herald.hub.Hub;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Holds the updates a transaction publishes and hands them to the hub once it commits, in the
 * order they were published; drops them if it rolls back. Outside a transaction it publishes at
 * once. A crash between the commit and the hub storing the update loses it (it was never
 * acknowledged to anyone); the transactional outbox closes that gap.
 */
class AfterCommitPublisher extends HubPublisher {
    private final Hub hub;

    AfterCommitPublisher(Hub hub) {
        super(hub);
        this.hub = hub;
    }

    @Override
    public CompletionStage<String> publish(Update update) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return super.publish(update);
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        pending.updates.add(update);
        pending.answers.add(answer);
        return answer;
    }

    /** One transaction's updates, in publishing order. */
    private final class Pending implements TransactionSynchronization {
        final List<Update> updates = new ArrayList<>();
        final List<CompletableFuture<String>> answers = new ArrayList<>();

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AfterCommitPublisher.this);
            for (int i = 0; i < updates.size(); i++) {
                CompletableFuture<String> answer = answers.get(i);
                if (status != STATUS_COMMITTED) {
                    answer.completeExceptionally(new UpdateDiscardedException(status == STATUS_ROLLED_BACK
                            ? "The transaction rolled back: the update was not published"
                            : "The transaction's outcome is unknown: the update was not published"));
                    continue;
                }
                // Handed to the hub in order; the hub stores them in that order.
                hub.publish(updates.get(i)).whenComplete((stored, failure) -> {
                    if (failure != null) {
                        answer.completeExceptionally(failure);
                    } else {
                        answer.complete(stored.update().id());
                    }
                });
            }
        }
    }
}
