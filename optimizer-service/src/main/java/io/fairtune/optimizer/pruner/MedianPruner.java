package io.fairtune.optimizer.pruner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Stops a trial whose intermediate value is below the median of the other trials at the same epoch. */
public final class MedianPruner implements Pruner {

    private final int warmupTrials;
    private final int minEpoch;

    public MedianPruner(int warmupTrials, int minEpoch) {
        this.warmupTrials = warmupTrials;
        this.minEpoch = minEpoch;
    }

    @Override
    public boolean shouldPrune(int epoch, double value, List<Map<Integer, Double>> others, int finishedTrials) {
        if (finishedTrials < warmupTrials || epoch < minEpoch || Double.isNaN(value)) {
            return false;
        }
        List<Double> atEpoch = new ArrayList<>();
        for (Map<Integer, Double> o : others) {
            Double v = o.get(epoch);
            if (v != null && !v.isNaN()) {
                atEpoch.add(v);
            }
        }
        if (atEpoch.isEmpty()) {
            return false;
        }
        Collections.sort(atEpoch);
        int n = atEpoch.size();
        double median = n % 2 == 1 ? atEpoch.get(n / 2) : (atEpoch.get(n / 2 - 1) + atEpoch.get(n / 2)) / 2;
        return value < median;
    }
}
