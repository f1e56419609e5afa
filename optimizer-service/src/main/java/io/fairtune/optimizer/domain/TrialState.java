package io.fairtune.optimizer.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * QUEUED is an explicitly enqueued trial waiting for a free slot (never published yet). STALE is an attempt
 * whose lease expired; it is re-proposed with attempt+1 as soon as its study proposes again.
 * Transitions: {@link TrialLifecycle}.
 */
public enum TrialState {
    QUEUED,
    PROPOSED,
    RUNNING,
    STALE,
    PRUNED,
    COMPLETE,
    FAILED;

    /**
     * In flight: the trial holds one of its study's {@code parallelism} slots. A STALE trial still does: it is
     * re-proposed into that slot.
     */
    public static final Set<TrialState> IN_FLIGHT = EnumSet.of(PROPOSED, RUNNING, STALE);
    /**
     * On a trainer: published and not yet silent, so it occupies its proposals partition (and the trainer behind
     * it) when proposals are routed. A STALE trial does not: its trainer went silent.
     */
    public static final Set<TrialState> ON_A_TRAINER = EnumSet.of(PROPOSED, RUNNING);
    /** Waiting for a trainer or on one: every state a study cancel must stop. */
    public static final Set<TrialState> OPEN = EnumSet.of(QUEUED, PROPOSED, RUNNING, STALE);
    /** States that count toward the search budget. */
    public static final Set<TrialState> COUNTED = EnumSet.of(COMPLETE, FAILED, PRUNED);

    public boolean terminal() {
        return COUNTED.contains(this);
    }
}
