package io.fairtune.optimizer.pruner;

import io.fairtune.model.study.PrunerSpec;
import java.util.List;
import java.util.Map;

/**
 * Decides, from a trial's per-epoch intermediate objective, whether to stop it now. Values are maximised
 * ({@code Objective.toMaximized}); an undefined intermediate value never prunes anything.
 */
public interface Pruner {

    /**
     * @param epoch          the epoch just reported (1-based)
     * @param value          this trial's maximised intermediate objective after {@code epoch}
     * @param others         the other search trials' intermediate values, epoch to maximised value
     * @param finishedTrials search trials already finished (warm-up counts these)
     */
    boolean shouldPrune(int epoch, double value, List<Map<Integer, Double>> others, int finishedTrials);

    /** A study without a pruner: never prunes, so nothing needs to be compared (or read) to decide. */
    Pruner NEVER = (epoch, value, others, finished) -> false;

    static Pruner of(PrunerSpec spec) {
        switch (spec.kind()) {
            case "median":
                return new MedianPruner(spec.warmupTrials(), spec.minEpoch());
            case "successive-halving":
                return new SuccessiveHalvingPruner(spec.warmupTrials(), spec.minEpoch(), 3);
            default:
                return NEVER;
        }
    }
}
