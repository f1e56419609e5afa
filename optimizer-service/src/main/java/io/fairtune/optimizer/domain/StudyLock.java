package io.fairtune.optimizer.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Every state change runs under one lock (one optimizer instance owns the studies; see SingleOptimizerLock),
 * in its own transaction, and what it produced goes out only after that transaction has committed: a trial is
 * stored PROPOSED first, published, then stamped published. A crash between those steps leaves an unpublished
 * PROPOSED trial, which the next fill publishes; nothing already published is sent again unless its lease
 * expires. Each transaction first confirms that this optimizer is still the database's one writer ({@link
 * WriterFence}); while it is not, changes fail with a transient error and are retried by their callers.
 */
@ApplicationScoped
public class StudyLock {

    private final ReentrantLock lock = new ReentrantLock();

    @Inject ProposalOutbox outbox;
    @Inject Trials trials;
    @Inject StudyPlanner planner;
    @Inject WriterFence fence;

    /** Runs {@code change} under the lock in a new transaction, then sends what it put in the outbox. */
    public <T> T change(Function<Outbox, T> change) {
        lock.lock();
        try {
            Outbox out = new Outbox();
            T result = QuarkusTransaction.requiringNew().call(() -> {
                fence.confirm();
                return change.apply(out);
            });
            send(out);
            return result;
        } finally {
            lock.unlock();
        }
    }

    private void send(Outbox out) {
        out.cancels.forEach(outbox::cancel);
        if (!out.proposals.isEmpty()) {
            Map<Integer, Long> onTrainers = QuarkusTransaction.requiringNew().call(trials::onTrainersByPartition);
            outbox.propose(out.proposals, onTrainers, (p, partition) -> QuarkusTransaction.requiringNew().run(() -> {
                fence.confirm();
                Trial t = trials.findById(p.trialId());
                if (t != null && TrialLifecycle.awaitsPublishing(t, p.attempt())) {
                    TrialLifecycle.published(t, partition, Instant.now());
                }
            }));
        }
        out.studiesToFill.forEach(planner::fill);
    }
}
