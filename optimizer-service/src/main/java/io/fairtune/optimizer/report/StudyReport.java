package io.fairtune.optimizer.report;

import io.fairtune.model.events.Divergence;
import io.fairtune.model.metrics.Summary;
import java.util.List;
import java.util.Map;

/**
 * The final-phase table. {@code complete} is false while the study has not COMPLETED (the table then holds
 * what is scored so far).
 *
 * @param best         the winner the final phase retrains: mask, searched lr, validation objectives and metrics
 *                     of its search trial (one seed)
 * @param arms         one row per arm (best mask, each baseline), metrics over seeds on test
 * @param keyMetrics   the metric keys a table shows first, when the evaluator reported them
 * @param winnersCurse the winner's search score next to its re-evaluated validation score and its test score;
 *                     null until a winner exists
 * @param diverged     trials that failed because training diverged, with where it happened
 */
public record StudyReport(String studyId, String name, String state, boolean complete, List<String> objectives,
                          BestTrial best, int searchTrialsCounted, int trialBudget, List<Arm> arms,
                          List<String> keyMetrics, WinnersCurse winnersCurse, List<DivergedTrial> diverged) {

    /**
     * @param validationMetrics every metric the evaluator reported for the winner on the validation split
     * @param caveats           in words, where those numbers mean nothing ({@link Caveats})
     */
    public record BestTrial(String trialId, int number, String mask, double learningRate,
                            List<Double> validationObjectives, Map<String, Double> validationMetrics,
                            List<String> caveats) {
    }

    /**
     * @param objectives test objectives over seeds, by objective id (undefined values are left out, so n may
     *                   be smaller than {@code seedsScored})
     * @param metrics    every metric the evaluator reported, over seeds
     * @param caveats    in words, where the arm's mean test numbers mean nothing ({@link Caveats})
     */
    public record Arm(String arm, String mask, double learningRate, int seedsScored, int seedsFailed,
                      Map<String, Summary> objectives, Map<String, Summary> metrics, List<String> caveats) {
    }

    /**
     * How optimistic the winner's search score was. All values are the first objective in its own direction.
     *
     * @param selectedBy             {@code search} (best single-seed search score), {@code mean} or {@code ci-low}
     *                               (re-evaluation)
     * @param searchScore            the winner's score in the search (validation, one seed): what it was chosen on
     * @param reevaluated            its validation score over the re-evaluation's fresh seeds; null without one
     * @param test                   its test score over the final phase's seeds; null before they are scored
     * @param searchMinusReevaluated the winner's curse on validation; null without a re-evaluation
     * @param searchMinusTest        search score minus the test mean (validation and test may differ for other reasons
     *                               too)
     * @param candidates             every re-evaluated mask, in search rank order
     */
    public record WinnersCurse(String objective, int trialNumber, String mask, double learningRate, String selectedBy,
                               Double searchScore, Summary reevaluated, Summary test, Double searchMinusReevaluated,
                               Double searchMinusTest, List<Candidate> candidates) {
    }

    /** A re-evaluated search mask: its single-seed search score and its validation score over fresh seeds. */
    public record Candidate(int trialNumber, String mask, double learningRate, Double searchScore, Summary validation,
                            int seedsFailed, boolean chosen) {
    }

    /** A trial whose training diverged (a non-finite value that recurred at the same step on a replay). */
    public record DivergedTrial(int number, String phase, String label, String mask, Divergence divergence) {
    }
}
