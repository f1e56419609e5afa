package io.fairtune.optimizer.sampler;

/**
 * One search trial as samplers see it.
 *
 * @param bits   the mask
 * @param logLr  natural log of the learning rate
 * @param values objectives turned "larger is better" ({@code Objective.toMaximized}); NaN where undefined
 *               (undefined objective, pruned or failed trial); null for a trial still in flight
 */
public record Observation(boolean[] bits, double logLr, double[] values) {

    public boolean pending() {
        return values == null;
    }

    /** A trial with every objective defined: the only kind that can be "good" or a parent. */
    public boolean defined() {
        if (values == null) {
            return false;
        }
        for (double v : values) {
            if (Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }
}
