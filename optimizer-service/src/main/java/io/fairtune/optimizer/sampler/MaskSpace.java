package io.fairtune.optimizer.sampler;

import java.util.Set;
import java.util.SplittableRandom;

/** Helpers every sampler shares: uniform masks, log-uniform rates, and the no-repeat guarantee. */
public final class MaskSpace {

    private static final int RANDOM_TRIES = 200;

    private MaskSpace() {
    }

    public static boolean[] randomBits(int bits, SplittableRandom random) {
        boolean[] out = new boolean[bits];
        for (int i = 0; i < bits; i++) {
            out[i] = random.nextBoolean();
        }
        return out;
    }

    public static double logUniform(double lrMin, double lrMax, SplittableRandom random) {
        if (lrMin == lrMax) {
            return lrMin;
        }
        return Math.exp(Math.log(lrMin) + random.nextDouble() * (Math.log(lrMax) - Math.log(lrMin)));
    }

    public static String toBitString(boolean[] bits) {
        char[] c = new char[bits.length];
        for (int i = 0; i < bits.length; i++) {
            c[i] = bits[i] ? '1' : '0';
        }
        return new String(c);
    }

    public static boolean[] fromBitString(String mask) {
        boolean[] out = new boolean[mask.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = mask.charAt(i) == '1';
        }
        return out;
    }

    /**
     * An unused mask drawn uniformly; in a nearly exhausted small space, the first unused mask after a random
     * starting point, so the guarantee holds until the space is empty.
     */
    public static boolean[] unusedRandom(int bits, Set<String> used, SplittableRandom random) {
        for (int t = 0; t < RANDOM_TRIES; t++) {
            boolean[] candidate = randomBits(bits, random);
            if (!used.contains(toBitString(candidate))) {
                return candidate;
            }
        }
        if (bits >= 31) {
            throw new SpaceExhaustedException(bits);
        }
        long size = 1L << bits;
        long start = random.nextLong(size);
        for (long k = 0; k < size; k++) {
            long v = (start + k) % size;
            boolean[] candidate = new boolean[bits];
            for (int i = 0; i < bits; i++) {
                candidate[i] = ((v >>> i) & 1L) == 1L;
            }
            if (!used.contains(toBitString(candidate))) {
                return candidate;
            }
        }
        throw new SpaceExhaustedException(bits);
    }
}
