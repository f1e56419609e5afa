package io.fairtune.optimizer.pruner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.model.study.PrunerSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrunerTest {

    private final List<Map<Integer, Double>> others = List.of(
            Map.of(1, 0.60, 2, 0.70), Map.of(1, 0.70, 2, 0.75), Map.of(1, 0.80, 2, 0.80));

    @Test
    void medianPrunesBelowTheMedianOnlyAfterWarmupAndMinEpoch() {
        Pruner p = Pruner.of(new PrunerSpec("median", 3, 1));
        assertTrue(p.shouldPrune(1, 0.65, others, 3));
        assertFalse(p.shouldPrune(1, 0.75, others, 3));
        assertFalse(p.shouldPrune(1, 0.65, others, 2), "warm-up: 3 finished trials required");
        assertFalse(new MedianPruner(0, 2).shouldPrune(1, 0.1, others, 5), "before minEpoch");
        assertFalse(p.shouldPrune(3, 0.1, others, 5), "nobody reported epoch 3: nothing to compare");
        assertFalse(p.shouldPrune(1, Double.NaN, others, 5), "undefined never prunes");
    }

    @Test
    void successiveHalvingKeepsTheTopThirdAtRungs() {
        SuccessiveHalvingPruner p = new SuccessiveHalvingPruner(0, 1, 3);
        assertTrue(p.isRung(1) && p.isRung(3) && p.isRung(9));
        assertFalse(p.isRung(2) || p.isRung(4));
        // at epoch 1 the competing values are {x, .6, .7, .8}: 4/3-1 = 0 -> only the top one continues
        assertFalse(p.shouldPrune(1, 0.9, others, 0));
        assertTrue(p.shouldPrune(1, 0.75, others, 0));
        assertFalse(p.shouldPrune(2, 0.1, others, 0), "epoch 2 is not a rung");
        assertFalse(Pruner.of(new PrunerSpec("none", 0, 1)).shouldPrune(1, 0.0, others, 10));
    }
}
