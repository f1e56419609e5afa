package io.fairtune.trainer.domain;

import io.fairtune.trainer.training.NonFiniteValueException;

/**
 * Non-finite values at different steps in two runs of the same attempt: the same seed retraces the same
 * computation, so this is a fault of the trainer or its machine, not of the trial's configuration.
 */
public final class NonReproducibleFaultException extends RuntimeException {

    public NonReproducibleFaultException(NonFiniteValueException first, NonFiniteValueException replay) {
        super("not reproducible, so not the configuration's fault: " + first.getMessage() + "; on a replay with the "
                + "same seed " + replay.getMessage(), replay);
    }
}
