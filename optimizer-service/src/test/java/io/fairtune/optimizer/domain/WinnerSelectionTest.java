package io.fairtune.optimizer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.study.FinalPhaseSpec;
import io.fairtune.model.study.ReevaluationSpec;
import io.fairtune.model.study.StudySpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The winner by re-evaluated mean or lower bound, on trials built in memory (no broker, no database). */
class WinnerSelectionTest {

    private static int next;

    private static StudySpec spec(String objective, ReevaluationSpec r) {
        return new StudySpec("s", "d", "sex", List.of(), null, "blocks", List.of(objective), "tpe", 10, 8, 1, null,
                null, new FinalPhaseSpec(3, List.of(), r), null, null, null, null, 1L).withDefaults();
    }

    private static Trial trial(TrialPhase phase, String mask, TrialState state, Double value) {
        Trial t = new Trial();
        t.id = "t" + next;
        t.number = next++;
        t.phase = phase;
        t.mask = mask;
        t.learningRate = 1e-4;
        t.state = state;
        if (value != null) {
            t.setObjectives(java.util.Collections.singletonList(value));
        }
        return t;
    }

    private static void reeval(List<Trial> all, Trial search, double... values) {
        for (double v : values) {
            Trial t = trial(TrialPhase.REEVAL, search.mask, TrialState.COMPLETE, v);
            t.arm = WinnerSelection.arm(search);
            all.add(t);
        }
    }

    @Test
    void theMeanPicksTheSteadilyGoodMaskOverTheLuckySearchWinnerAndCiLowPicksTheSteadyOne() {
        List<Trial> all = new ArrayList<>();
        Trial lucky = trial(TrialPhase.SEARCH, "1100", TrialState.COMPLETE, 0.90);
        Trial wide = trial(TrialPhase.SEARCH, "1010", TrialState.COMPLETE, 0.85);
        Trial steady = trial(TrialPhase.SEARCH, "0110", TrialState.COMPLETE, 0.80);
        Trial fourth = trial(TrialPhase.SEARCH, "0011", TrialState.COMPLETE, 0.70);
        all.addAll(List.of(lucky, wide, steady, fourth));
        reeval(all, lucky, 0.60, 0.62, 0.64);   // mean 0.62
        reeval(all, wide, 0.80, 0.60, 0.70);    // mean 0.70, t half-width 4.303 * 0.1 / sqrt(3) = 0.248
        reeval(all, steady, 0.68, 0.69, 0.67);  // mean 0.68, half-width 0.0248

        StudySpec byMean = spec("min_auc", new ReevaluationSpec(3, 3, "mean"));
        List<WinnerSelection.Candidate> candidates = WinnerSelection.candidates(byMean, all);
        assertEquals(List.of(lucky, wide, steady), candidates.stream().map(WinnerSelection.Candidate::search).toList(),
                "the top 3 in search order; the fourth was not re-evaluated");
        assertEquals(0.70, candidates.get(1).validation().mean(), 1e-12);
        assertEquals(4.303 * 0.1 / Math.sqrt(3), candidates.get(1).validation().ci95(), 1e-12);
        assertSame(wide, WinnerSelection.winner(byMean, all));
        assertSame(steady, WinnerSelection.winner(spec("min_auc", new ReevaluationSpec(3, 3, "ci-low")), all),
                "0.68 - 0.025 beats 0.70 - 0.248");
        assertSame(lucky, WinnerSelection.winner(spec("min_auc", null), all), "without re-evaluation: the search's best");
    }

    @Test
    void aMinimisedObjectiveRanksTheLowestMeanAndItsUpperEndFirst() {
        List<Trial> all = new ArrayList<>();
        Trial a = trial(TrialPhase.SEARCH, "10", TrialState.COMPLETE, 0.01);
        Trial b = trial(TrialPhase.SEARCH, "01", TrialState.COMPLETE, 0.02);
        all.addAll(List.of(a, b));
        reeval(all, a, 0.10, 0.02, 0.06);   // mean 0.06, wide
        reeval(all, b, 0.07, 0.07, 0.07);   // mean 0.07, no spread
        assertSame(a, WinnerSelection.winner(spec("auc_gap", new ReevaluationSpec(2, 3, "mean")), all));
        assertSame(b, WinnerSelection.winner(spec("auc_gap", new ReevaluationSpec(2, 3, "ci-low")), all),
                "0.07 + 0 beats 0.06 + 0.099 when the pessimistic end of a gap is its upper end");
    }

    @Test
    void failedAndUndefinedReevaluationsCannotWinAndNoneDefinedKeepsTheSearchBest() {
        List<Trial> all = new ArrayList<>();
        Trial a = trial(TrialPhase.SEARCH, "10", TrialState.COMPLETE, 0.9);
        Trial b = trial(TrialPhase.SEARCH, "01", TrialState.COMPLETE, 0.8);
        all.addAll(List.of(a, b));
        Trial failed = trial(TrialPhase.REEVAL, a.mask, TrialState.FAILED, null);
        failed.arm = WinnerSelection.arm(a);
        all.add(failed);
        Trial undefined = trial(TrialPhase.REEVAL, b.mask, TrialState.COMPLETE, Double.NaN);
        undefined.arm = WinnerSelection.arm(b);
        all.add(undefined);
        StudySpec s = spec("min_auc", new ReevaluationSpec(2, 1, "mean"));
        List<WinnerSelection.Candidate> candidates = WinnerSelection.candidates(s, all);
        assertEquals(1, candidates.get(0).failed());
        assertEquals(0, candidates.get(0).validation().n());
        assertNull(WinnerSelection.chosen(s, candidates));
        assertSame(a, WinnerSelection.winner(s, all));
        reeval(all, b, 0.5);
        assertSame(b, WinnerSelection.winner(s, all), "the only candidate with a defined re-evaluation wins");
    }
}
