package io.fairtune.optimizer.report;

import io.fairtune.model.metrics.Summary;
import io.fairtune.model.study.ReevaluationSpec;
import io.fairtune.model.study.StudySpec;
import io.fairtune.optimizer.domain.Trial;
import io.fairtune.optimizer.domain.TrialFactory;
import io.fairtune.optimizer.domain.WinnerSelection;
import java.util.ArrayList;
import java.util.List;

/**
 * The winner's curse, measured: the mask that tops a noisy validation ranking was partly chosen for its luck, so its
 * search score overstates it. Next to that score the report puts the same mask's validation score on fresh seeds
 * (the re-evaluation) and its test score (the final phase).
 */
final class WinnersCurseReport {

    private WinnersCurseReport() {
    }

    static StudyReport.WinnersCurse of(StudySpec spec, Trial winner, List<Trial> trials, List<StudyReport.Arm> arms) {
        if (winner == null) {
            return null;
        }
        String objective = spec.objectives().get(0);
        Double search = first(winner);
        List<WinnerSelection.Candidate> candidates = WinnerSelection.candidates(spec, trials);
        WinnerSelection.Candidate chosen = WinnerSelection.chosen(spec, candidates);
        List<StudyReport.Candidate> rows = new ArrayList<>();
        for (WinnerSelection.Candidate c : candidates) {
            rows.add(new StudyReport.Candidate(c.search().number, c.search().mask, c.search().learningRate,
                    first(c.search()), c.validation(), c.failed(), c == chosen));
        }
        Summary reevaluated = chosen == null ? null : chosen.validation();
        Summary test = arms.stream().filter(a -> a.arm().equals(TrialFactory.ARM_BEST)).findFirst()
                .map(a -> a.objectives().get(objective)).filter(s -> s.n() > 0).orElse(null);
        ReevaluationSpec r = spec.finalPhase().reevaluate();
        String selectedBy = chosen == null ? "search" : r.select();
        return new StudyReport.WinnersCurse(objective, winner.number, winner.mask, winner.learningRate, selectedBy,
                search, reevaluated, test, difference(search, reevaluated), difference(search, test), rows);
    }

    private static Double first(Trial t) {
        List<Double> v = t.objectives();
        return v == null || v.isEmpty() || v.get(0) == null || v.get(0).isNaN() ? null : v.get(0);
    }

    private static Double difference(Double search, Summary other) {
        return search == null || other == null || other.n() == 0 ? null : search - other.mean();
    }
}
