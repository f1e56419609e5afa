package io.fairtune.trainer.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Attempts the optimizer cancelled, by (trialId, attempt) key. Remembers the most recent ones only: a
 * cancellation matters while its proposal is queued or training, which is never thousands of attempts ago.
 */
@ApplicationScoped
public class TrialCancellations {

    private static final int REMEMBERED = 10_000;

    private final Map<String, Boolean> cancelled = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Set when this trainer stops: every attempt stops between two steps and is handed back, not cancelled. */
    private volatile boolean stopping;

    public void stopAll() {
        stopping = true;
    }

    /** Whether {@code attemptKey} must stop now: the optimizer cancelled it, or this trainer is stopping. */
    public boolean mustStop(String attemptKey) {
        return stopping || isCancelled(attemptKey);
    }

    public synchronized void cancel(String attemptKey) {
        cancelled.put(attemptKey, Boolean.TRUE);
    }

    public synchronized boolean isCancelled(String attemptKey) {
        return cancelled.containsKey(attemptKey);
    }
}
