package io.fairtune.optimizer.sampler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class Nsga2SamplerTest {

    private static final int BITS = 48;

    /**
     * Two conflicting objectives: agreement with target A and with target B (which differ on half the bits).
     * The true front reaches 48 on one axis and 24 + 24 = 48 jointly; random masks cluster around (24, 24).
     */
    private static BiFunction<boolean[], Double, double[]> objectives(boolean[] a, boolean[] b) {
        return (mask, lr) -> new double[] {SyntheticStudy.matches(mask, a), SyntheticStudy.matches(mask, b)};
    }

    private static boolean[][] targets(long seed) {
        boolean[] a = SyntheticStudy.target(BITS, seed);
        boolean[] b = a.clone();
        for (int i = 0; i < BITS; i += 2) {
            b[i] = !b[i];
        }
        return new boolean[][] {a, b};
    }

    private static List<double[]> points(SyntheticStudy s) {
        List<double[]> out = new ArrayList<>();
        s.finished.forEach(o -> out.add(o.values()));
        return out;
    }

    @Test
    void nsga2FindsABetterFrontThanRandom() {
        double nsga = 0;
        double random = 0;
        int seeds = 4;
        for (int s = 0; s < seeds; s++) {
            boolean[][] t = targets(50 + s);
            SyntheticStudy n = SyntheticStudy.run(new Nsga2Sampler(), BITS, 300, 4, s, objectives(t[0], t[1]));
            SyntheticStudy r = SyntheticStudy.run(new RandomSampler(), BITS, 300, 4, s, objectives(t[0], t[1]));
            nsga += ParetoFront.hypervolume2d(points(n), new double[] {0, 0}) / seeds;
            random += ParetoFront.hypervolume2d(points(r), new double[] {0, 0}) / seeds;
        }
        System.out.printf("mean hypervolume: NSGA-II %.1f, random %.1f%n", nsga, random);
        assertTrue(nsga > random * 1.05, "NSGA-II " + nsga + " vs random " + random);
    }

    @Test
    void frontIsMutuallyNonDominatedAndDominatesEveryOtherPoint() {
        boolean[][] t = targets(3);
        SyntheticStudy n = SyntheticStudy.run(new Nsga2Sampler(), BITS, 150, 2, 9, objectives(t[0], t[1]));
        List<double[]> pts = points(n);
        List<Integer> front = ParetoFront.front(pts);
        assertTrue(front.size() >= 3, "a trade-off should give several front members, got " + front.size());
        for (int i : front) {
            for (int j : front) {
                assertFalse(ParetoFront.dominates(pts.get(i), pts.get(j)));
            }
        }
        for (int k = 0; k < pts.size(); k++) {
            if (!front.contains(k)) {
                final int idx = k;
                assertTrue(front.stream().anyMatch(i -> ParetoFront.dominates(pts.get(i), pts.get(idx))
                        || java.util.Arrays.equals(pts.get(i), pts.get(idx))));
            }
        }
        int[] ranks = ParetoFront.ranks(pts);
        for (int i : front) {
            assertTrue(ranks[i] == 0);
        }
    }

    @Test
    void undefinedObjectivesNeverBecomeParents() {
        boolean[][] t = targets(4);
        BiFunction<boolean[], Double, double[]> f = objectives(t[0], t[1]);
        // trials with bit 1 set are undefined: the sampler must not breed from them
        SyntheticStudy n = SyntheticStudy.run(new Nsga2Sampler(), BITS, 200, 1, 2,
                (mask, lr) -> mask[1] ? new double[] {Double.NaN, Double.NaN} : f.apply(mask, lr));
        long late = n.proposals.subList(120, 200).stream().filter(p -> p.bits()[1]).count();
        assertTrue(late < 20, "late proposals with the undefined bit: " + late);
    }
}
