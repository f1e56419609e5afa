package io.fairtune.optimizer.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * QUEUED is an explicitly enqueued trial waiting for a free slot (never published yet). STALE is an attempt
 * whose lease expired; it is re-proposed with attempt+1 as soon as its study proposes again.
 */
public enum TrialState {
    QUEUED,
    PROPOSED,
    RUNNING,
    STALE,
    PRUNED,
    COMPLETE,
    FAILED;

    /** States that occupy a parallelism slot. */
    public static final Set<TrialState> IN_FLIGHT = EnumSet.of(PROPOSED, RUNNING, STALE);
    /** States that count toward the search budget. */
    public static final Set<TrialState> COUNTED = EnumSet.of(COMPLETE, FAILED, PRUNED);

    public boolean terminal() {
        return COUNTED.contains(this);
    }
}
