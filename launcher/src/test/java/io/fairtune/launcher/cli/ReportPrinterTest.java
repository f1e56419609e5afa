package io.fairtune.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairtune.model.events.EventCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportPrinterTest {

    private static final String REPORT = """
            {"name":"demo","state":"COMPLETED","searchTrialsCounted":10,"trialBudget":10,"objectives":["min_auc"],
             "best":{"mask":"000010010001","number":2,"learningRate":4.53e-4,"validationObjectives":[0.8362],
                     "validationMetrics":{"overall.auc":0.8471,"min_auc":0.8362,"group.F.auc":0.8362,"group.M.auc":0.8590,
                                          "auc_gap":0.0228,"eodds_diff":0.0612,"attr.age_binary.min_auc":0.80,
                                          "attr.age_binary.auc_gap":0.05,"overall.ece":0.1}},
             "arms":[{"arm":"best","learningRate":4.53e-4,"seedsScored":3,"seedsFailed":0,
                      "metrics":{"overall.auc":{"mean":0.823,"ci95":0.022,"n":3},"min_auc":{"mean":0.821,"ci95":0.016,"n":3},
                                 "group.F.auc":{"mean":0.823,"ci95":0.023,"n":3},"group.M.auc":{"mean":0.829,"ci95":0.033,"n":3},
                                 "auc_gap":{"mean":0.011,"ci95":0.017,"n":3},"eodds_diff":{"mean":0.058,"ci95":0.021,"n":3}}},
                     {"arm":"baseline:full","learningRate":1e-4,"seedsScored":2,"seedsFailed":1,
                      "metrics":{"overall.auc":{"mean":0.819,"ci95":null,"n":1}}}]}
            """;

    @Test
    void printsTheWinnersValidationMetricsAndOneTestRowPerArm() throws Exception {
        JsonNode report = EventCodec.mapper().readTree(REPORT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ReportPrinter.print(report, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertEquals("Study demo (COMPLETED): 10/10 search trials counted", lines.get(0));
        assertEquals("Best mask 000010010001 (trial #2), searched lr 4.53e-04, validation min_auc 0.8362", lines.get(1));
        assertEquals("Validation split, best trial (search seed): AUC 0.847, worst-group AUC 0.836, AUC F 0.836, "
                + "AUC M 0.859, AUC gap 0.023, EOdds diff 0.061, age_binary worst AUC 0.800, age_binary AUC gap 0.050",
                lines.get(2));
        assertEquals("Test split, mean ± 95% CI over seeds:", lines.get(3));
        assertTrue(lines.get(4).startsWith("arm "), lines.get(4));
        String best = lines.stream().filter(l -> l.startsWith("best ")).findFirst().orElseThrow();
        assertTrue(best.contains("0.823 ± 0.022") && best.contains("0.011 ± 0.017"), best);
        String full = lines.stream().filter(l -> l.startsWith("baseline:full")).findFirst().orElseThrow();
        // one seed scored: a mean without an interval; metrics it lacks are n/a; a failed seed is shown
        assertTrue(full.contains("2 (+1 failed)") && full.contains("0.819 ") && full.contains("n/a"), full);
    }

    private static final String NOISY = """
            {"name":"noisy","state":"COMPLETED","searchTrialsCounted":6,"trialBudget":6,"objectives":["min_auc"],
             "best":{"mask":"0110","number":3,"learningRate":2e-4,"validationObjectives":[0.81],"validationMetrics":{},
                     "caveats":["group F has 4 positives and 30 negatives (fewer than 10): its AUC 0.810 cannot be estimated reliably"]},
             "arms":[{"arm":"best","learningRate":2e-4,"seedsScored":2,"seedsFailed":0,
                      "metrics":{"overall.auc":{"mean":0.55,"ci95":0.01,"n":2}},
                      "caveats":["overall AUC 0.550: its 95% interval [0.389, 0.711] (Hanley-McNeil, 24 positives, 26 negatives) includes 0.5, so the model is not shown to beat chance"]}],
             "winnersCurse":{"objective":"min_auc","trialNumber":3,"mask":"0110","learningRate":2e-4,"selectedBy":"mean",
                             "searchScore":0.81,"reevaluated":{"mean":0.74,"ci95":0.02,"n":3},"test":{"mean":0.7,"ci95":0.05,"n":2},
                             "searchMinusReevaluated":0.07,"searchMinusTest":0.11,
                             "candidates":[{"trialNumber":1,"mask":"1100","learningRate":1e-4,"searchScore":0.85,
                                            "validation":{"mean":0.61,"ci95":0.03,"n":3},"seedsFailed":0,"chosen":false},
                                           {"trialNumber":3,"mask":"0110","learningRate":2e-4,"searchScore":0.81,
                                            "validation":{"mean":0.74,"ci95":0.02,"n":3},"seedsFailed":1,"chosen":true}]},
             "diverged":[{"number":0,"phase":"SEARCH","label":"search #0","mask":"1111",
                          "divergence":{"quantity":"training loss","value":"NaN","epoch":2,"step":7,"learningRate":1e-3}}]}
            """;

    @Test
    void printsCaveatsTheWinnersCurseAndDivergedTrialsInWords() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ReportPrinter.print(EventCodec.mapper().readTree(NOISY), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertEquals("  ! group F has 4 positives and 30 negatives (fewer than 10): its AUC 0.810 cannot be estimated "
                + "reliably", lines.get(2));
        assertTrue(lines.contains("  ! best: overall AUC 0.550: its 95% interval [0.389, 0.711] (Hanley-McNeil, 24 "
                + "positives, 26 negatives) includes 0.5, so the model is not shown to beat chance"), lines.toString());
        assertTrue(lines.contains("Winner's curse (min_auc of trial #3): search 0.8100 (one seed, the score it was "
                + "chosen on), re-evaluated on validation 0.740 ± 0.020 (3 seeds), test 0.700 ± 0.050 (2 seeds)"),
                lines.toString());
        assertTrue(lines.contains("  search − re-evaluated +0.0700, search − test +0.1100"), lines.toString());
        assertTrue(lines.contains("Re-evaluated masks (top 2 of the search; chosen by the mean):"), lines.toString());
        assertTrue(lines.contains("  #1 1100 lr 1.00e-04: search 0.8500, re-evaluated 0.610 ± 0.030 (3 seeds)"),
                lines.toString());
        assertTrue(lines.contains("  #3 0110 lr 2.00e-04: search 0.8100, re-evaluated 0.740 ± 0.020 (3 seeds) (+1 "
                + "failed)  <- chosen"), lines.toString());
        assertEquals("  #0 search #0, mask 1111: training loss became NaN at epoch 2, step 7, lr 1.00e-03",
                lines.get(lines.size() - 1));
    }
}
