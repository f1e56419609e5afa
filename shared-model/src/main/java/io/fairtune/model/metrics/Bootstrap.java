package io.fairtune.model.metrics;

/**
 * How to bootstrap confidence intervals: {@code samples} resamples (0 disables them), drawn from a
 * {@link java.util.SplittableRandom} seeded with {@code seed}, so the same inputs always give the same interval.
 */
public record Bootstrap(int samples, long seed, double level) {

    public static final Bootstrap NONE = new Bootstrap(0, 0, 0.95);

    public Bootstrap {
        if (samples < 0) {
            throw new IllegalArgumentException("bootstrap samples must be >= 0, was " + samples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0,1), was " + level);
        }
    }

    public static Bootstrap of(int samples, long seed) {
        return new Bootstrap(samples, seed, 0.95);
    }

    public boolean enabled() {
        return samples > 0;
    }
}
