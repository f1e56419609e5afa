package io.fairtune.optimizer.sampler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Drives a sampler against a synthetic objective with {@code parallel} trials in flight, the way the service
 * does: the oldest in-flight trial finishes, then a new one is proposed.
 */
final class SyntheticStudy {

    final List<Observation> finished = new ArrayList<>();
    final List<Proposal> proposals = new ArrayList<>();

    static SyntheticStudy run(Sampler sampler, int bits, int trials, int parallel, long seed,
                              BiFunction<boolean[], Double, double[]> objective) {
        SyntheticStudy s = new SyntheticStudy();
        Set<String> used = new HashSet<>();
        List<Proposal> inFlight = new ArrayList<>();
        for (int n = 0; n < trials; n++) {
            if (inFlight.size() == parallel) {
                Proposal done = inFlight.remove(0);
                s.finished.add(new Observation(done.bits(), Math.log(done.learningRate()),
                        objective.apply(done.bits(), done.learningRate())));
            }
            List<Observation> pending = new ArrayList<>();
            for (Proposal p : inFlight) {
                pending.add(new Observation(p.bits(), Math.log(p.learningRate()), null));
            }
            SamplerContext ctx = new SamplerContext(bits, 1e-5, 1e-3, 1, List.copyOf(s.finished), pending, used);
            Proposal p = sampler.propose(ctx, new SplittableRandom(seed * 1000 + n));
            used.add(p.maskString());
            inFlight.add(p);
            s.proposals.add(p);
        }
        for (Proposal done : inFlight) {
            s.finished.add(new Observation(done.bits(), Math.log(done.learningRate()),
                    objective.apply(done.bits(), done.learningRate())));
        }
        return s;
    }

    double best(int objective) {
        return finished.stream().mapToDouble(o -> o.values()[objective]).filter(v -> !Double.isNaN(v)).max()
                .orElse(Double.NaN);
    }

    static boolean[] target(int bits, long seed) {
        return MaskSpace.randomBits(bits, new SplittableRandom(seed));
    }

    static int matches(boolean[] a, boolean[] b) {
        int m = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                m++;
            }
        }
        return m;
    }
}
