package io.fairtune.optimizer.report;

import io.fairtune.model.metrics.AucInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * When a number in the report means nothing, in words next to it: an overall AUC whose 95 % interval includes 0.5
 * (the model is not shown to beat chance), and a group with too few positives or negatives for its AUC to be
 * estimated.
 *
 * <p>Threshold: fewer than {@value #MIN_CLASS_COUNT} positives or negatives in a group. With 10 positives, even
 * against unlimited negatives, the Hanley–McNeil 95 % interval of an AUC of 0.75 is ±0.18 wide, as wide as the
 * gaps FairTune tries to close; with none, the AUC is undefined. The interval of the overall AUC is Hanley–McNeil
 * too, from the split's class counts: the evaluator's metrics carry counts, not scores.
 */
public final class Caveats {

    public static final int MIN_CLASS_COUNT = 10;
    private static final String POSITIVES = ".positives";

    private Caveats() {
    }

    /** The caveats of one set of metrics (one trial, or an arm's means over seeds with the split's counts). */
    public static List<String> of(Map<String, Double> metrics) {
        List<String> out = new ArrayList<>();
        Double auc = metrics.get("overall.auc");
        Double pos = metrics.get("overall.positives");
        Double neg = metrics.get("overall.negatives");
        AucInterval.hanleyMcNeil(auc, pos, neg).filter(ci -> ci[0] <= 0.5 && 0.5 <= ci[1]).ifPresent(ci ->
                out.add(String.format(Locale.ROOT, "overall AUC %.3f: its 95%% interval [%.3f, %.3f] (Hanley-McNeil, "
                        + "%d positives, %d negatives) includes 0.5, so the model is not shown to beat chance", auc,
                        ci[0], ci[1], Math.round(pos), Math.round(neg))));
        // group.<g>.positives, and attr.<a>.group.<g>.positives for report-only attributes, in key order
        Map<String, String> groups = new TreeMap<>();
        for (String key : metrics.keySet()) {
            if (!key.endsWith(POSITIVES)) {
                continue;
            }
            String prefix = key.substring(0, key.length() - POSITIVES.length());
            int at = prefix.indexOf("group.");
            if (at == 0 || (prefix.startsWith("attr.") && at > 0)) {
                String attribute = at == 0 ? "" : prefix.substring("attr.".length(), at - 1) + " ";
                groups.put(prefix, attribute + "group " + prefix.substring(at + "group.".length()));
            }
        }
        groups.forEach((prefix, name) -> {
            Double p = metrics.get(prefix + POSITIVES);
            Double n = metrics.get(prefix + ".negatives");
            Double groupAuc = metrics.get(prefix + ".auc");
            if (p == null || n == null || (p >= MIN_CLASS_COUNT && n >= MIN_CLASS_COUNT)) {
                return;
            }
            String counts = Math.round(p) + " positives and " + Math.round(n) + " negatives";
            out.add(groupAuc == null || p < 1 || n < 1
                    ? name + " has " + counts + ": its AUC is undefined (it needs both classes)"
                    : String.format(Locale.ROOT, "%s has %s (fewer than %d): its AUC %.3f cannot be estimated "
                            + "reliably", name, counts, MIN_CLASS_COUNT, groupAuc));
        });
        return out;
    }
}
