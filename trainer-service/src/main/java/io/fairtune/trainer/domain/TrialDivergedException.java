package io.fairtune.trainer.domain;

import io.fairtune.trainer.training.NonFiniteValueException;

/** A non-finite value that recurred at the same step when the attempt was replayed: the configuration diverges. */
public final class TrialDivergedException extends RuntimeException {

    public TrialDivergedException(NonFiniteValueException site) {
        super(site.divergence().reason(), site);
    }
}
