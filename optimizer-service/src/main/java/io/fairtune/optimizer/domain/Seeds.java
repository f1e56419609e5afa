package io.fairtune.optimizer.domain;

/**
 * Deterministic seeds from the study seed: a trial's training seed from its number (every attempt of a trial
 * trains with the same seed), the sampler's random stream from the number, and the final phase's seeds from
 * the seed index only, so every arm (best mask, baselines) trains on the same seeds: a paired comparison; the
 * re-evaluation's seeds likewise, from a stream of their own, so they differ from every search and final seed.
 * Training seeds fit in 31 bits so any consumer can use them as an int.
 */
public final class Seeds {

    private Seeds() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static long trial(long studySeed, int number) {
        return mix(studySeed * 0x9E3779B97F4A7C15L + number) >>> 33;
    }

    public static long sampler(long studySeed, int number) {
        return mix(mix(studySeed) ^ (0x5EED0000L + number));
    }

    public static long finalPhase(long studySeed, int seedIndex) {
        return mix(studySeed * 0xC2B2AE3D27D4EB4FL + 0xF17A1L + seedIndex) >>> 33;
    }

    public static long reevaluation(long studySeed, int seedIndex) {
        return mix(studySeed * 0xD6E8FEB86659FD93L + 0x2EE7A1L + seedIndex) >>> 33;
    }
}
