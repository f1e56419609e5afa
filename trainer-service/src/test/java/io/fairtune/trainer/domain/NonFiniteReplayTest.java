package io.fairtune.trainer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.trainer.training.NonFiniteValueException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class NonFiniteReplayTest {

    static final NonFiniteValueException LOSS_E2_S17 =
            new NonFiniteValueException(NonFiniteValueException.LOSS, 2, 17, 8.6e-4, Double.NaN);

    /** Runs that throw or return, in order; counts how many were started. */
    static final class Runs implements Supplier<String> {
        final Deque<Object> outcomes;
        int started;

        Runs(Object... outcomes) {
            this.outcomes = new ArrayDeque<>(List.of(outcomes));
        }

        @Override
        public String get() {
            started++;
            Object next = outcomes.removeFirst();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (String) next;
        }
    }

    @Test
    void aCleanRunIsNotReplayed() {
        Runs runs = new Runs("scores");
        assertEquals("scores", NonFiniteReplay.run("t#1", runs));
        assertEquals(1, runs.started);
    }

    @Test
    void aNonFiniteValueThatRecursAtTheSameStepIsADivergenceThatNoRetryCanFix() {
        Runs runs = new Runs(LOSS_E2_S17, new NonFiniteValueException(NonFiniteValueException.LOSS, 2, 17, 8.6e-4,
                Double.POSITIVE_INFINITY));
        TrialDivergedException e = assertThrows(TrialDivergedException.class, () -> NonFiniteReplay.run("t#1", runs));
        assertEquals(2, runs.started);
        assertEquals("diverged: training loss became NaN at epoch 2, step 17 (lr 8.600e-04); it recurs at the same "
                + "step with the same seed", e.getMessage());
        assertFalse(FailureClassifier.retryable(e));
    }

    @Test
    void aNonFiniteValueThatDoesNotRecurIsAFaultAndTheReplaysResultStands() {
        Runs runs = new Runs(LOSS_E2_S17, "replayed scores");
        assertEquals("replayed scores", NonFiniteReplay.run("t#1", runs));
        assertEquals(2, runs.started);
    }

    @Test
    void nonFiniteValuesAtDifferentStepsAreAFaultThatANewAttemptRetries() {
        Runs runs = new Runs(LOSS_E2_S17, new NonFiniteValueException(NonFiniteValueException.SCORES, 1, 9, 1e-3,
                Double.NaN));
        NonReproducibleFaultException e = assertThrows(NonReproducibleFaultException.class,
                () -> NonFiniteReplay.run("t#1", runs));
        assertTrue(FailureClassifier.retryable(e));
        assertTrue(e.getMessage().contains("epoch 2, step 17") && e.getMessage().contains("epoch 1, step 9"),
                e.getMessage());
    }

    @Test
    void otherFailuresAreNotReplayed() {
        Runs runs = new Runs(new IllegalStateException("engine error"), "never");
        assertThrows(IllegalStateException.class, () -> NonFiniteReplay.run("t#1", runs));
        assertEquals(1, runs.started);
    }
}
