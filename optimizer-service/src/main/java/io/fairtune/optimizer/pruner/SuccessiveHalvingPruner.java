package io.fairtune.optimizer.pruner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous successive halving (ASHA): rungs at epochs minEpoch * eta^k; at a rung a trial continues
 * only if its value is within the top 1/eta of the values recorded at that rung (its own included), with the
 * same promotion rule as Optuna's SuccessiveHalvingPruner (the top one always continues).
 */
public final class SuccessiveHalvingPruner implements Pruner {

    private final int warmupTrials;
    private final int minEpoch;
    private final int eta;

    public SuccessiveHalvingPruner(int warmupTrials, int minEpoch, int eta) {
        this.warmupTrials = warmupTrials;
        this.minEpoch = minEpoch;
        this.eta = eta;
    }

    boolean isRung(int epoch) {
        if (epoch < minEpoch) {
            return false;
        }
        long rung = minEpoch;
        while (rung < epoch) {
            rung *= eta;
        }
        return rung == epoch;
    }

    @Override
    public boolean shouldPrune(int epoch, double value, List<Map<Integer, Double>> others, int finishedTrials) {
        if (finishedTrials < warmupTrials || !isRung(epoch) || Double.isNaN(value)) {
            return false;
        }
        List<Double> competing = new ArrayList<>();
        competing.add(value);
        for (Map<Integer, Double> o : others) {
            Double v = o.get(epoch);
            if (v != null && !v.isNaN()) {
                competing.add(v);
            }
        }
        if (competing.size() <= 1) {
            return false;
        }
        competing.sort((a, b) -> Double.compare(b, a));
        int promotable = Math.max(0, competing.size() / eta - 1);
        return value < competing.get(promotable);
    }
}
