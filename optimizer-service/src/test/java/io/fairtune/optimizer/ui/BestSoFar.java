package io.fairtune.optimizer.ui;

import java.util.List;

/** How many vertices the dashboard's best-so-far line has: one per improvement, plus the last trial's. */
final class BestSoFar {

    private BestSoFar() {
    }

    static int points(List<Double> valuesInTrialOrder, boolean maximize) {
        int points = 0;
        Double best = null;
        boolean lastImproved = false;
        for (double v : valuesInTrialOrder) {
            lastImproved = best == null || (maximize ? v > best : v < best);
            if (lastImproved) {
                best = v;
                points++;
            }
        }
        return valuesInTrialOrder.isEmpty() ? 0 : points + (lastImproved ? 0 : 1);
    }
}
