package io.fairtune.optimizer.sampler;

import io.fairtune.model.study.StudySpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen estimator over binary masks and a log-uniform learning rate.
 *
 * <p>Finished trials are ranked by their first objective (maximised); the best {@code gamma(n)} form the
 * "good" set, the rest the "bad" set. Each bit gets a Bernoulli estimator per set (Laplace prior, so no bit
 * is ever ruled out), the log learning rate a Gaussian Parzen mixture plus a uniform prior. Candidates are
 * drawn from the good model and the one maximising l(x)/g(x) is proposed.
 *
 * <p>Rules that keep the model sane:
 * <ul>
 *   <li>Undefined objective (null from the evaluator), pruned and failed trials rank below every defined
 *       value and never enter the good set, whatever their number (the good set shrinks to the defined
 *       trials; with none defined the proposal is random), so NaN never reaches an estimator.</li>
 *   <li>Constant liar: trials in flight join the bad set as if they had the worst value, so parallel
 *       trainers are steered apart rather than handed near-copies of one proposal.</li>
 *   <li>A mask already proposed in the study is never a candidate.</li>
 * </ul>
 * For two objectives it uses the first (NSGA-II is the sampler for Pareto studies).
 */
public final class TpeSampler implements Sampler {

    static final int DEFAULT_CANDIDATES = 24;

    private final int startupTrials;
    private final int candidates;

    public TpeSampler() {
        this(StudySpec.DEFAULT_STARTUP_TRIALS, DEFAULT_CANDIDATES);
    }

    public TpeSampler(int startupTrials, int candidates) {
        this.startupTrials = startupTrials;
        this.candidates = candidates;
    }

    static int gamma(int n) {
        return Math.max(1, Math.min((int) Math.ceil(0.1 * n), 25));
    }

    @Override
    public Proposal propose(SamplerContext ctx, SplittableRandom random) {
        List<Observation> finished = ctx.finished();
        if (finished.size() < startupTrials) {
            return new RandomSampler().propose(ctx, random);
        }
        List<Observation> ranked = new ArrayList<>(finished);
        ranked.sort(Comparator.comparingDouble(TpeSampler::rankValue).reversed());
        // only a defined objective can be good, however many trials failed or came back undefined
        int defined = (int) finished.stream().filter(o -> rankValue(o) != Double.NEGATIVE_INFINITY).count();
        if (defined == 0) {
            return new RandomSampler().propose(ctx, random);
        }
        int nGood = Math.min(gamma(finished.size()), defined);
        List<Observation> good = ranked.subList(0, nGood);
        List<Observation> bad = new ArrayList<>(ranked.subList(nGood, ranked.size()));
        bad.addAll(ctx.inFlight());

        int bits = ctx.bits();
        double[] logPGood1 = new double[bits];
        double[] logPGood0 = new double[bits];
        double[] pGood1 = new double[bits];
        double[] logRatio1 = new double[bits];
        double[] logRatio0 = new double[bits];
        int[] goodOnes = countOnes(good, bits);
        int[] badOnes = countOnes(bad, bits);
        for (int i = 0; i < bits; i++) {
            double g1 = (goodOnes[i] + 1.0) / (good.size() + 2.0);
            double b1 = (badOnes[i] + 1.0) / (bad.size() + 2.0);
            pGood1[i] = g1;
            logPGood1[i] = Math.log(g1);
            logPGood0[i] = Math.log(1 - g1);
            logRatio1[i] = Math.log(g1) - Math.log(b1);
            logRatio0[i] = Math.log(1 - g1) - Math.log(1 - b1);
        }
        double lo = Math.log(ctx.lrMin());
        double hi = Math.log(ctx.lrMax());
        Parzen lGood = Parzen.of(good, lo, hi);
        Parzen lBad = Parzen.of(bad, lo, hi);

        boolean[] best = null;
        double bestLogLr = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int round = 0; round < 10 && best == null; round++) {
            for (int c = 0; c < candidates; c++) {
                boolean[] x = new boolean[bits];
                double score = 0;
                for (int i = 0; i < bits; i++) {
                    x[i] = random.nextDouble() < pGood1[i];
                    score += x[i] ? logRatio1[i] : logRatio0[i];
                }
                double logLr = lGood.sample(random);
                score += lGood.logDensity(logLr) - lBad.logDensity(logLr);
                if (score > bestScore && !ctx.usedMasks().contains(MaskSpace.toBitString(x))) {
                    bestScore = score;
                    best = x;
                    bestLogLr = logLr;
                }
            }
        }
        if (best == null) {
            best = MaskSpace.unusedRandom(bits, ctx.usedMasks(), random);
            bestLogLr = lGood.sample(random);
        }
        return new Proposal(best, clamp(Math.exp(bestLogLr), ctx.lrMin(), ctx.lrMax()));
    }

    private static double rankValue(Observation o) {
        double v = o.values() == null || o.values().length == 0 ? Double.NaN : o.values()[0];
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    private static int[] countOnes(List<Observation> set, int bits) {
        int[] ones = new int[bits];
        for (Observation o : set) {
            boolean[] b = o.bits();
            for (int i = 0; i < bits; i++) {
                if (b[i]) {
                    ones[i]++;
                }
            }
        }
        return ones;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Gaussian kernels on log lr, plus a uniform prior with the weight of one kernel. */
    static final class Parzen {
        private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
        private final double[] mus;
        private final double sigma;
        private final double lo;
        private final double hi;

        private Parzen(double[] mus, double sigma, double lo, double hi) {
            this.mus = mus;
            this.sigma = sigma;
            this.lo = lo;
            this.hi = hi;
        }

        static Parzen of(List<Observation> set, double lo, double hi) {
            double[] mus = new double[set.size()];
            for (int i = 0; i < mus.length; i++) {
                mus[i] = set.get(i).logLr();
            }
            double range = Math.max(hi - lo, 1e-12);
            double sigma = Math.max(range * Math.pow(Math.max(1, mus.length), -0.2) / 4, range / 50);
            return new Parzen(mus, sigma, lo, hi);
        }

        double sample(SplittableRandom random) {
            int k = random.nextInt(mus.length + 1);
            if (k == mus.length || hi <= lo) {
                return lo + random.nextDouble() * (hi - lo);
            }
            for (int t = 0; t < 20; t++) {
                double v = mus[k] + sigma * gaussian(random);
                if (v >= lo && v <= hi) {
                    return v;
                }
            }
            return Math.max(lo, Math.min(hi, mus[k]));
        }

        double logDensity(double x) {
            double range = hi - lo;
            double sum = range > 0 ? 1.0 / range : 1.0;
            double inv = 1.0 / sigma;
            double norm = Math.exp(-LOG_SQRT_2PI) * inv;
            for (double mu : mus) {
                double z = (x - mu) * inv;
                sum += norm * Math.exp(-0.5 * z * z);
            }
            return Math.log(sum / (mus.length + 1));
        }

        private static double gaussian(SplittableRandom random) {
            double u1 = random.nextDouble();
            double u2 = random.nextDouble();
            return Math.sqrt(-2 * Math.log(Math.max(u1, 1e-300))) * Math.cos(2 * Math.PI * u2);
        }
    }
}
