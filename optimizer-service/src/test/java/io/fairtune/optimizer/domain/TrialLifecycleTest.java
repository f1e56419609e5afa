package io.fairtune.optimizer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trial state machine on its own: no broker, no database, no Quarkus. */
class TrialLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(30);

    private static Trial proposed() {
        Trial t = new Trial();
        t.id = "t1";
        t.studyId = "s1";
        t.attempt = 1;
        t.state = TrialState.PROPOSED;
        return t;
    }

    @Test
    void aHeartbeatStartsTheTrialAndRecordsTheTrainer() {
        Trial t = proposed();
        TrialLifecycle.published(t, 3, T0);
        assertEquals(T0, t.lastHeartbeat);
        assertEquals(3, t.kafkaPartition);

        TrialLifecycle.heartbeat(t, "trainer-a", T1);
        assertEquals(TrialState.RUNNING, t.state);
        assertEquals(T1, t.startedAt);
        assertEquals(T1, t.lastHeartbeat);
        assertEquals("trainer-a", t.trainerId);

        TrialLifecycle.heartbeat(t, null, T1.plusSeconds(5));
        assertEquals(T1, t.startedAt, "a later heartbeat does not restart the trial");
        assertEquals("trainer-a", t.trainerId);
    }

    @Test
    void onlyTheCurrentAttemptOfAnOpenPublishedTrialIsListenedTo() {
        Trial t = proposed();
        assertTrue(TrialLifecycle.accepts(t, 1));
        assertFalse(TrialLifecycle.accepts(t, 2), "another attempt");
        t.state = TrialState.QUEUED;
        assertFalse(TrialLifecycle.accepts(t, 1), "never published");
        t.state = TrialState.COMPLETE;
        assertFalse(TrialLifecycle.accepts(t, 1), "finished");
    }

    @Test
    void aRetryableFailureMakesTheTrialStaleUntilAttemptsRunOut() {
        Trial t = proposed();
        TrialLifecycle.retryOrFail(t, "attempt 1: oom", true, 2, false, T1);
        assertEquals(TrialState.STALE, t.state);
        assertNull(t.finishedAt);

        TrialLifecycle.repropose(t);
        assertEquals(2, t.attempt);
        assertEquals(TrialState.PROPOSED, t.state);
        assertNull(t.publishedAt);
        assertNull(t.lastHeartbeat);
        assertTrue(TrialLifecycle.awaitsPublishing(t, 2));
        assertFalse(TrialLifecycle.awaitsPublishing(t, 1), "a copy of the old attempt is not stamped");

        TrialLifecycle.retryOrFail(t, "attempt 2: oom", true, 2, false, T1);
        assertEquals(TrialState.FAILED, t.state);
        assertEquals(T1, t.finishedAt);
        assertEquals("attempt 1: oom; attempt 2: oom; gave up after 2 of 2 attempts", t.failureReason);
    }

    @Test
    void aNonRetryableFailureOrAnEndedStudyFailsAtOnce() {
        Trial bad = proposed();
        TrialLifecycle.retryOrFail(bad, "corrupt manifest", false, 5, false, T1);
        assertEquals(TrialState.FAILED, bad.state);
        assertEquals("corrupt manifest", bad.failureReason);

        Trial orphan = proposed();
        TrialLifecycle.retryOrFail(orphan, "lease expired", true, 5, true, T1);
        assertEquals(TrialState.FAILED, orphan.state);
    }

    @Test
    void scoresPruningAndUndefinedIntermediateValues() {
        Trial t = proposed();
        assertFalse(TrialLifecycle.recordIntermediate(t, 0, 0.7), "epoch 0 is a heartbeat");
        assertFalse(TrialLifecycle.recordIntermediate(t, 1, Double.NaN));
        assertFalse(TrialLifecycle.recordIntermediate(t, 1, null));
        assertTrue(TrialLifecycle.recordIntermediate(t, 2, 0.7));
        assertEquals(Map.of(2, 0.7), t.intermediate());

        Trial pruned = proposed();
        TrialLifecycle.prune(pruned, 2, "median", T1);
        assertEquals(TrialState.PRUNED, pruned.state);
        assertEquals("pruned at epoch 2 by the median pruner", pruned.failureReason);

        TrialLifecycle.score(t, java.util.Arrays.asList(0.8, null), Map.of("overall.auc", 0.9), T1);
        assertEquals(TrialState.COMPLETE, t.state);
        assertEquals(java.util.Arrays.asList(0.8, null), t.objectives());
        assertTrue(t.state.terminal());
    }

    @Test
    void cancellingTheStudyTellsOnlyTrainersThatHoldTheTrial() {
        Trial running = proposed();
        running.state = TrialState.RUNNING;
        Trial queued = proposed();
        queued.state = TrialState.QUEUED;
        Trial stale = proposed();
        stale.state = TrialState.STALE;
        assertTrue(TrialLifecycle.cancelWithStudy(running, T1));
        assertFalse(TrialLifecycle.cancelWithStudy(queued, T1));
        assertFalse(TrialLifecycle.cancelWithStudy(stale, T1), "a stale trial's trainer went silent");
        for (Trial t : List.of(running, queued, stale)) {
            assertEquals(TrialState.FAILED, t.state);
            assertEquals("study cancelled", t.failureReason);
        }
        assertEquals(1, TrialLifecycle.cancellation(running, "study cancelled", T1).attempt());
    }

    @Test
    void inFlightHoldsASlotWhileOnATrainerHoldsAPartition() {
        assertTrue(TrialState.IN_FLIGHT.contains(TrialState.STALE));
        assertFalse(TrialState.ON_A_TRAINER.contains(TrialState.STALE));
        assertTrue(TrialState.IN_FLIGHT.containsAll(TrialState.ON_A_TRAINER));
    }

    @Test
    void aMovedProposalIsANewAttemptThatDoesNotCountTowardMaxAttempts() {
        Trial t = proposed();
        TrialLifecycle.published(t, 3, T0);
        TrialLifecycle.move(t);
        assertEquals(2, t.attempt, "the copy left behind is told apart by its attempt");
        assertEquals(TrialState.PROPOSED, t.state);
        assertNull(t.publishedAt, "published again");
        assertNull(t.kafkaPartition);
        assertEquals(1, TrialLifecycle.attemptsMade(t));

        TrialLifecycle.retryOrFail(t, "attempt 2: oom", true, 2, false, T1);
        assertEquals(TrialState.STALE, t.state, "one attempt of two was made: it may retry");
        TrialLifecycle.repropose(t);
        TrialLifecycle.retryOrFail(t, "attempt 3: oom", true, 2, false, T1);
        assertEquals(TrialState.FAILED, t.state);
        assertTrue(t.failureReason.contains("gave up after 2 of 2 attempts"), t.failureReason);
    }

    @Test
    void aTrialStartedReadAfterTheResultStillRecordsTheStart() {
        Trial t = proposed();
        TrialLifecycle.published(t, 0, T0);
        TrialLifecycle.score(t, List.of(0.7), Map.of(), T1);
        assertFalse(TrialLifecycle.accepts(t, 1), "a scored trial takes no heartbeat");
        assertFalse(TrialLifecycle.startedLate(t, 2, "trainer-a", T0.plusSeconds(1)), "another attempt");
        assertTrue(TrialLifecycle.startedLate(t, 1, "trainer-a", T0.plusSeconds(1)));
        assertEquals(T0.plusSeconds(1), t.startedAt);
        assertEquals("trainer-a", t.trainerId);
        assertEquals(TrialState.COMPLETE, t.state, "the result stands");
        assertFalse(TrialLifecycle.startedLate(t, 1, "trainer-b", T1), "recorded once");
        assertEquals("trainer-a", t.trainerId);
    }
}
