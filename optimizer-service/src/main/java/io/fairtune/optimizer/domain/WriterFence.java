package io.fairtune.optimizer.domain;

import io.fairtune.model.messaging.RetryLater;

/**
 * The single-writer guarantee: only one optimizer changes a study database, and only while it holds the
 * database's writer lock. Implemented by persistence, checked by {@link StudyLock} inside every change's
 * transaction, so a change commits only if this optimizer was the writer when it committed.
 */
public interface WriterFence {

    /**
     * Confirms, in the caller's transaction, that this optimizer is still the writer.
     *
     * @throws NotTheWriter while the lock is not held (the database is unreachable or being reconnected to):
     *                      the change is retried later
     * @throws FencedOff    when another optimizer has taken the lock: this one must stop
     */
    void confirm();

    /**
     * Since when this optimizer has held the lock without a break; null while it does not hold it. What it
     * heard before that may be incomplete (events it could not apply were retried, see LeaseExpiry).
     */
    java.time.Instant writerSince();

    /** Thrown while this optimizer is between losing the writer lock and taking it again. */
    final class NotTheWriter extends RetryLater {

        public NotTheWriter(String message) {
            super(message);
        }
    }

    /**
     * Thrown once another optimizer holds the lock: nothing of this one may be written any more, and it stops. To
     * its consumers this is "not now" too: their records stay unacknowledged for the writer to apply.
     */
    final class FencedOff extends RetryLater {

        public FencedOff(String message) {
            super(message);
        }
    }
}
