package io.fairtune.optimizer.sampler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * NSGA-II for two objectives, run steady-state so it suits an asynchronous loop: each proposal is one child
 * of the current elite population (the best {@code populationSize} finished trials by non-dominated rank,
 * then crowding distance), bred by binary tournament, uniform crossover and bit-flip mutation (1/bits);
 * the child's log-lr is a parent's, perturbed. Trials with an undefined objective (null from the
 * evaluator, pruned, failed) never become parents. Until {@code populationSize} defined trials exist,
 * proposals are uniform random.
 */
public final class Nsga2Sampler implements Sampler {

    private static final int DUPLICATE_TRIES = 50;
    private final int populationSize;
    private final double crossoverProbability;

    public Nsga2Sampler() {
        this(20, 0.9);
    }

    public Nsga2Sampler(int populationSize, double crossoverProbability) {
        this.populationSize = populationSize;
        this.crossoverProbability = crossoverProbability;
    }

    @Override
    public Proposal propose(SamplerContext ctx, SplittableRandom random) {
        List<Observation> defined = new ArrayList<>();
        for (Observation o : ctx.finished()) {
            if (o.defined()) {
                defined.add(o);
            }
        }
        if (defined.size() < populationSize) {
            return new RandomSampler().propose(ctx, random);
        }
        List<double[]> points = new ArrayList<>(defined.size());
        for (Observation o : defined) {
            points.add(o.values());
        }
        int[] rank = ParetoFront.ranks(points);
        double[] crowd = new double[points.size()];
        int maxRank = Arrays.stream(rank).max().orElse(0);
        for (int r = 0; r <= maxRank; r++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < rank.length; i++) {
                if (rank[i] == r) {
                    members.add(i);
                }
            }
            ParetoFront.crowding(points, members, crowd);
        }
        Integer[] order = new Integer[points.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> rank[a] != rank[b] ? Integer.compare(rank[a], rank[b])
                : Double.compare(crowd[b], crowd[a]));
        int[] elite = new int[populationSize];
        for (int i = 0; i < populationSize; i++) {
            elite[i] = order[i];
        }
        int bits = ctx.bits();
        double lo = Math.log(ctx.lrMin());
        double hi = Math.log(ctx.lrMax());
        for (int t = 0; t < DUPLICATE_TRIES; t++) {
            Observation p1 = defined.get(tournament(elite, rank, crowd, random));
            Observation p2 = defined.get(tournament(elite, rank, crowd, random));
            boolean[] child = p1.bits().clone();
            if (random.nextDouble() < crossoverProbability) {
                for (int i = 0; i < bits; i++) {
                    if (random.nextBoolean()) {
                        child[i] = p2.bits()[i];
                    }
                }
            }
            for (int i = 0; i < bits; i++) {
                if (random.nextDouble() < 1.0 / bits) {
                    child[i] = !child[i];
                }
            }
            if (!ctx.usedMasks().contains(MaskSpace.toBitString(child))) {
                double parentLr = random.nextBoolean() ? p1.logLr() : p2.logLr();
                double logLr = Math.max(lo, Math.min(hi, parentLr + 0.1 * (hi - lo) * gaussian(random)));
                return new Proposal(child, Math.exp(logLr));
            }
        }
        return new RandomSampler().propose(ctx, random);
    }

    private static int tournament(int[] elite, int[] rank, double[] crowd, SplittableRandom random) {
        int a = elite[random.nextInt(elite.length)];
        int b = elite[random.nextInt(elite.length)];
        if (rank[a] != rank[b]) {
            return rank[a] < rank[b] ? a : b;
        }
        return crowd[a] >= crowd[b] ? a : b;
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = Math.max(random.nextDouble(), 1e-300);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
