package io.fairtune.trainer.domain;

import io.fairtune.trainer.training.NonFiniteValueException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Tells a true divergence from a fault. When training yields a NaN or an infinity the attempt is replayed once
 * with the same seed, which on one device retraces the same computation: a value that recurs at the same
 * step belongs to the configuration (not retryable); one that does not recur is a fault of that run and never
 * the trial's result: the replay's result stands, or, if the replay fails elsewhere, the attempt fails as
 * retryable so that the optimizer tries it again.
 */
final class NonFiniteReplay {

    private static final Logger LOG = Logger.getLogger(NonFiniteReplay.class);

    private NonFiniteReplay() {
    }

    static <T> T run(String attemptKey, Supplier<T> attempt) {
        NonFiniteValueException first;
        try {
            return attempt.get();
        } catch (NonFiniteValueException e) {
            first = e;
        }
        LOG.warnf("attempt %s: %s; replaying it with the same seed to tell divergence from a fault", attemptKey,
                first.getMessage());
        try {
            T replayed = attempt.get();
            LOG.errorf("attempt %s: %s did not recur on a replay with the same seed: a fault of the trainer, not "
                    + "divergence; the replay's result stands", attemptKey, first.getMessage());
            return replayed;
        } catch (NonFiniteValueException again) {
            if (again.sameSiteAs(first)) {
                throw new TrialDivergedException(first);
            }
            throw new NonReproducibleFaultException(first, again);
        }
    }
}
