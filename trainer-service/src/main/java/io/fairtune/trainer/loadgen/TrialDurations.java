package io.fairtune.trainer.loadgen;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How long a simulated trial runs: log-normal, as real training times are (a few slow trials, none negative),
 * with the given mean. Drawn from the trial's seed, so a redelivered attempt lasts as long as the first.
 */
final class TrialDurations {

    private TrialDurations() {
    }

    /** @param spread standard deviation of the logarithm; the -spread²/2 shift keeps the mean at {@code mean} */
    static Duration draw(Duration mean, double spread, long seed) {
        // SplittableRandom mixes its seed: java.util.Random's first draws of neighbouring seeds are correlated
        double z = new SplittableRandom(seed ^ 0x7D_0A_11L).nextGaussian();
        double factor = Math.exp(spread * z - spread * spread / 2);
        return Duration.ofNanos(Math.round(mean.toNanos() * factor));
    }
}
