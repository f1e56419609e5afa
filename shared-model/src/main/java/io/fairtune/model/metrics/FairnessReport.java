package io.fairtune.model.metrics;

import io.fairtune.model.study.Objective;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The metrics of one split under one sensitive attribute.
 *
 * <p>Undefined-value rule: a group's AUC is undefined when the group lacks a class; such groups are listed in
 * {@link #undefinedAucGroups()} and left out of every AUC aggregate. Each aggregate uses the groups where its
 * quantity is defined; a minimum needs one such group and a gap (max − min) needs two, otherwise the aggregate
 * is null. Equalized odds is the larger of the TPR gap (groups with positives) and FPR gap (groups with
 * negatives), as Fairlearn's {@code equalized_odds_difference}; it is null only when both gaps are.
 */
public final class FairnessReport {

    private final double threshold;
    private final GroupMetrics overall;
    private final Map<String, GroupMetrics> groups;
    private final long unknownGroupCount;
    private final List<String> undefinedAucGroups;
    private final ConfidenceInterval minAucCi;
    private final ConfidenceInterval aucGapCi;

    FairnessReport(double threshold, GroupMetrics overall, Map<String, GroupMetrics> groups, long unknownGroupCount,
                   List<String> undefinedAucGroups, ConfidenceInterval minAucCi, ConfidenceInterval aucGapCi) {
        this.threshold = threshold;
        this.overall = overall;
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        this.unknownGroupCount = unknownGroupCount;
        this.undefinedAucGroups = List.copyOf(undefinedAucGroups);
        this.minAucCi = minAucCi;
        this.aucGapCi = aucGapCi;
    }

    public double threshold() {
        return threshold;
    }

    public GroupMetrics overall() {
        return overall;
    }

    /** Per-group metrics by group value, in lexical order of the values. */
    public Map<String, GroupMetrics> groups() {
        return groups;
    }

    /** Samples counted overall but in no group because their attribute value is missing. */
    public long unknownGroupCount() {
        return unknownGroupCount;
    }

    /** Groups whose AUC is undefined (one class only), in lexical order. */
    public List<String> undefinedAucGroups() {
        return undefinedAucGroups;
    }

    /** Worst-group AUC over groups with a defined AUC. */
    public Double minAuc() {
        return min(GroupMetrics::auc);
    }

    public Double aucGap() {
        return gap(GroupMetrics::auc);
    }

    public Double minAccuracy() {
        return min(GroupMetrics::accuracy);
    }

    public Double accuracyGap() {
        return gap(GroupMetrics::accuracy);
    }

    /** Equal-opportunity difference: TPR gap. */
    public Double equalOpportunityDifference() {
        return gap(GroupMetrics::tpr);
    }

    public Double falsePositiveRateGap() {
        return gap(GroupMetrics::fpr);
    }

    /** Fairlearn's equalized_odds_difference (agg "worst_case"): max(TPR gap, FPR gap). */
    public Double equalizedOddsDifference() {
        Double tpr = equalOpportunityDifference();
        Double fpr = falsePositiveRateGap();
        if (tpr == null) {
            return fpr;
        }
        return fpr == null ? tpr : Math.max(tpr, fpr);
    }

    /** Demographic-parity difference: selection-rate gap. */
    public Double demographicParityDifference() {
        return gap(GroupMetrics::selectionRate);
    }

    public Double eceGap() {
        return gap(GroupMetrics::ece);
    }

    /** Bootstrap interval of the worst-group AUC, or null when not bootstrapped or undefined. */
    public ConfidenceInterval minAucInterval() {
        return minAucCi;
    }

    public ConfidenceInterval aucGapInterval() {
        return aucGapCi;
    }

    /** The objective's value, or null when undefined (see the class comment for the rule). */
    public Double objective(Objective objective) {
        switch (objective) {
            case MIN_AUC:
                return minAuc();
            case AUC_GAP:
                return aucGap();
            case OVERALL_AUC:
                return overall.auc();
            case MIN_ACC:
                return minAccuracy();
            case ACC_GAP:
                return accuracyGap();
            case OVERALL_ACC:
                return overall.count() == 0 ? null : overall.accuracy();
            case EODDS_DIFF:
                return equalizedOddsDifference();
            default:
                throw new IllegalArgumentException("unsupported objective " + objective);
        }
    }

    /** Flat map for TrialScored.metrics; undefined values are absent, never NaN. */
    public Map<String, Double> toFlatMap() {
        return toFlatMap("");
    }

    /**
     * Keys: {@code threshold}, {@code overall.<m>}, {@code group.<value>.<m>} with m in count, positives,
     * negatives, prevalence, auc, accuracy, tpr, fpr, fnr, tnr, selection_rate, ece, bce; aggregates
     * {@code min_auc, auc_gap, min_acc, acc_gap, eodds_diff, eopp_diff, fpr_gap, dp_diff, ece_gap};
     * {@code groups}, {@code groups.auc_undefined}, {@code unknown_group.count}; bootstrap
     * {@code min_auc.ci_low/ci_high}, {@code auc_gap.ci_low/ci_high}, {@code bootstrap.samples}, {@code ci.level}.
     * Every key is prefixed with {@code prefix} (used for report-only attributes).
     */
    public Map<String, Double> toFlatMap(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "threshold", threshold);
        m.putAll(overall.toFlatMap(prefix + "overall."));
        groups.forEach((name, g) -> m.putAll(g.toFlatMap(prefix + "group." + name + ".")));
        GroupMetrics.putIfDefined(m, prefix + "min_auc", minAuc());
        GroupMetrics.putIfDefined(m, prefix + "auc_gap", aucGap());
        GroupMetrics.putIfDefined(m, prefix + "min_acc", minAccuracy());
        GroupMetrics.putIfDefined(m, prefix + "acc_gap", accuracyGap());
        GroupMetrics.putIfDefined(m, prefix + "eodds_diff", equalizedOddsDifference());
        GroupMetrics.putIfDefined(m, prefix + "eopp_diff", equalOpportunityDifference());
        GroupMetrics.putIfDefined(m, prefix + "fpr_gap", falsePositiveRateGap());
        GroupMetrics.putIfDefined(m, prefix + "dp_diff", demographicParityDifference());
        GroupMetrics.putIfDefined(m, prefix + "ece_gap", eceGap());
        m.put(prefix + "groups", (double) groups.size());
        m.put(prefix + "groups.auc_undefined", (double) undefinedAucGroups.size());
        m.put(prefix + "unknown_group.count", (double) unknownGroupCount);
        putInterval(m, prefix + "min_auc.", minAucCi);
        putInterval(m, prefix + "auc_gap.", aucGapCi);
        ConfidenceInterval any = minAucCi != null ? minAucCi : aucGapCi;
        if (any != null) {
            m.put(prefix + "bootstrap.samples", (double) any.samples());
            m.put(prefix + "ci.level", any.level());
        }
        return m;
    }

    private static void putInterval(Map<String, Double> m, String prefix, ConfidenceInterval ci) {
        if (ci != null) {
            m.put(prefix + "ci_low", ci.low());
            m.put(prefix + "ci_high", ci.high());
        }
    }

    private Double min(Function<GroupMetrics, Double> f) {
        Double min = null;
        for (GroupMetrics g : groups.values()) {
            Double v = f.apply(g);
            if (v != null && (min == null || v < min)) {
                min = v;
            }
        }
        return min;
    }

    private Double gap(Function<GroupMetrics, Double> f) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int defined = 0;
        for (GroupMetrics g : groups.values()) {
            Double v = f.apply(g);
            if (v != null) {
                defined++;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return defined >= 2 ? hi - lo : null;
    }

    @Override
    public String toString() {
        return "FairnessReport" + toFlatMap();
    }
}
