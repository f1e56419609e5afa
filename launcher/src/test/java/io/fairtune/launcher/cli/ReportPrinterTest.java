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
}
