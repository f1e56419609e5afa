package io.fairtune.optimizer.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** A deterministic "evaluator": scores are a function of the mask, so the best trial is predictable. */
public final class Synthetic {

    private Synthetic() {
    }

    /** Fraction of set bits in the first half: 1.0 for "1111...0000". */
    public static double minAuc(String mask) {
        if (mask.startsWith("baseline:")) {
            return mask.equals("baseline:full") ? 0.7 : 0.6;
        }
        int half = mask.length() / 2;
        int ones = 0;
        for (int i = 0; i < half; i++) {
            ones += mask.charAt(i) == '1' ? 1 : 0;
        }
        return 0.5 + 0.5 * ones / half;
    }

    public static Map<String, Double> metrics(String mask, long seed) {
        double v = minAuc(mask) + (seed % 7) * 0.001;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("overall.auc", Math.min(1, v + 0.05));
        m.put("min_auc", v);
        m.put("group.female.auc", v);
        m.put("group.male.auc", Math.min(1, v + 0.1));
        m.put("auc_gap", 0.1);
        m.put("eodds_diff", 0.05);
        return m;
    }
}
