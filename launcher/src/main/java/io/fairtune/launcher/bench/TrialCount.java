package io.fairtune.launcher.bench;

/** How many trials a benchmark trains, from its settings: what the cost estimate scales by. */
public final class TrialCount {

    private TrialCount() {
    }

    /** Trials of one replicate: two searches with their re-evaluations, then 3 final arms (TPE) and 1 (random). */
    public static int perReplicate(BenchSettings s) {
        int reevaluation = s.reevaluateTopK() * s.reevaluateSeeds();
        return 2 * (s.budget() + reevaluation) + s.finalSeeds() * (3 + 1);
    }

    public static int total(BenchSettings s) {
        return perReplicate(s) * s.replicates() * s.attributes().size();
    }

    /**
     * The trainer hours a benchmark with {@code full} settings would take, from the seconds per trial measured with
     * {@code measured} settings, scaled by epochs and training images (training dominates a trial; scaling its fixed
     * part too, and ignoring the epochs pruning saves, makes this an upper bound).
     */
    public static double estimatedHours(double secondsPerTrial, BenchSettings measured, int measuredTrainImages,
                                        BenchSettings full, int fullTrainImages) {
        double scale = (double) full.epochs() / measured.epochs() * fullTrainImages / measuredTrainImages;
        return total(full) * secondsPerTrial * scale / 3600;
    }
}
