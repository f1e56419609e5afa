package io.fairtune.optimizer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaveatsTest {

    @Test
    void anOverallAucWhoseIntervalIncludesChanceIsSaidToMeanNothing() {
        // Hanley-McNeil at AUC 0.6 with 20 positives and 30 negatives: q1 = 0.4286, q2 = 0.45;
        // var = (0.24 + 19 * 0.0686 + 29 * 0.09) / 600 = 0.006923, half-width 1.96 * 0.0832 = 0.1631
        List<String> c = Caveats.of(Map.of("overall.auc", 0.6, "overall.positives", 20.0, "overall.negatives", 30.0));
        assertEquals(List.of("overall AUC 0.600: its 95% interval [0.437, 0.763] (Hanley-McNeil, 20 positives, 30 "
                + "negatives) includes 0.5, so the model is not shown to beat chance"), c);
        assertEquals(List.of(), Caveats.of(Map.of("overall.auc", 0.6, "overall.positives", 200.0,
                "overall.negatives", 300.0)), "the same AUC on ten times the data excludes chance");
        assertEquals(List.of(), Caveats.of(Map.of("overall.auc", 0.4, "overall.positives", 2000.0,
                "overall.negatives", 3000.0)), "worse than chance is not 'no better than chance' when the interval excludes 0.5");
    }

    @Test
    void aGroupWithTooFewPositivesOrNegativesIsNamedWithItsCounts() {
        Map<String, Double> m = Map.of(
                "group.F.positives", 9.0, "group.F.negatives", 400.0, "group.F.auc", 0.71,
                "group.M.positives", 10.0, "group.M.negatives", 10.0, "group.M.auc", 0.8,
                "attr.age.group.80+.positives", 0.0, "attr.age.group.80+.negatives", 12.0);
        assertEquals(List.of(
                "age group 80+ has 0 positives and 12 negatives: its AUC is undefined (it needs both classes)",
                "group F has 9 positives and 400 negatives (fewer than 10): its AUC 0.710 cannot be estimated reliably"),
                Caveats.of(m), "10 of each is enough; report attributes are named");
    }
}
