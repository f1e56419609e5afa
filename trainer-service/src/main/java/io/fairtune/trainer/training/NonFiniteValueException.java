package io.fairtune.trainer.training;

import io.fairtune.model.events.Divergence;

/**
 * Training produced a NaN or an infinity, caught where it first appeared: in the loss of one step, or in the
 * scores of a split after an epoch. Where and at which learning rate tell a true divergence (it recurs at the
 * same step when the attempt is replayed with the same seed) from a bug (it does not).
 *
 * @param quantity     what was not finite: {@link #LOSS} or {@link #SCORES}
 * @param epoch        1-based epoch
 * @param step         1-based step within the epoch; for scores, the last step of the epoch
 * @param learningRate the learning rate scheduled for that step
 */
public final class NonFiniteValueException extends RuntimeException {

    public static final String LOSS = "training loss";
    public static final String SCORES = "predicted scores";

    private final String quantity;
    private final int epoch;
    private final int step;
    private final double learningRate;
    private final double value;

    public NonFiniteValueException(String quantity, int epoch, int step, double learningRate, double value) {
        super(new Divergence(quantity, Divergence.valueName(value), epoch, step, learningRate).site());
        this.quantity = quantity;
        this.epoch = epoch;
        this.step = step;
        this.learningRate = learningRate;
        this.value = value;
    }

    public String quantity() {
        return quantity;
    }

    public int epoch() {
        return epoch;
    }

    public int step() {
        return step;
    }

    public double learningRate() {
        return learningRate;
    }

    public double value() {
        return value;
    }

    /** This site as the divergence it is when it recurs on a replay. */
    public Divergence divergence() {
        return new Divergence(quantity, Divergence.valueName(value), epoch, step, learningRate);
    }

    /** Whether {@code other} is the same event: same quantity at the same epoch and step. */
    public boolean sameSiteAs(NonFiniteValueException other) {
        return quantity.equals(other.quantity) && epoch == other.epoch && step == other.step;
    }
}
