package io.fairtune.optimizer.ui;

import java.util.LinkedHashMap;
import java.util.Map;

/** The evaluator's metric keys the dashboard shows, and their column names as MEDFAIR / FairTune tables print them. */
final class MetricKeys {

    static final String OVERALL_AUC = "overall.auc";
    static final String MIN_AUC = "min_auc";
    static final String AUC_GAP = "auc_gap";
    static final String EQ_ODD = "eodds_diff";

    /** Metric key → export column, in column order. */
    static final Map<String, String> COLUMNS = columns();

    private MetricKeys() {
    }

    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put(OVERALL_AUC, "Overall AUC");
        c.put(MIN_AUC, "Worst-group AUC");
        c.put("min_auc.ci_low", "Worst-group AUC CI low");
        c.put("min_auc.ci_high", "Worst-group AUC CI high");
        c.put(AUC_GAP, "AUC gap");
        c.put("auc_gap.ci_low", "AUC gap CI low");
        c.put("auc_gap.ci_high", "AUC gap CI high");
        c.put(EQ_ODD, "EqOdd");
        c.put("overall.accuracy", "Overall Acc");
        c.put("min_acc", "Worst-group Acc");
        c.put("acc_gap", "Acc gap");
        return c;
    }
}
