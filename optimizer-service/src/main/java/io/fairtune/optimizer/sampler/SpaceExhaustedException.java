package io.fairtune.optimizer.sampler;

/** Every mask of the space has been proposed already. Study creation refuses budgets that could get here. */
public class SpaceExhaustedException extends RuntimeException {

    public SpaceExhaustedException(int bits) {
        super("all 2^" + bits + " masks of the space were proposed already");
    }
}
