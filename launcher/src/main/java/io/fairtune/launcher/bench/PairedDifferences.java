package io.fairtune.launcher.bench;

import io.fairtune.model.metrics.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Paired differences on test between the searched mask and each comparison arm, per (replicate, final seed): the
 * arms of a replicate train on the same final seeds, so each seed gives one pair. The 95 % interval is Student's t
 * over all replicates × seeds of an attribute (pairs of one replicate share its search, so this interval is, if
 * anything, too narrow; with ≥ 3 replicates the spread between searches is in it).
 */
public final class PairedDifferences {

    /** Test metrics compared: worst-group AUC (higher is better) and AUC gap (lower is better). */
    public static final List<String> METRICS = List.of("min_auc", "auc_gap");
    public static final List<String> VERSUS = List.of(ReplicateResult.ARM_FULL, ReplicateResult.ARM_RANDOM,
            ReplicateResult.ARM_LINEAR);

    /** One pair: the searched mask's value minus the other arm's, at one replicate and seed. */
    public record Pair(String attribute, int replicate, long finalSeed, String metric, String versus, double searched,
                       double other) {
        public double difference() {
            return searched - other;
        }
    }

    /** @param difference searched − versus over the pairs, mean and 95 % t interval */
    public record Row(String attribute, String metric, String versus, Summary difference) {
        public String comparison() {
            return "searched - " + versus;
        }
    }

    private PairedDifferences() {
    }

    public static List<Pair> pairs(List<ReplicateResult> replicates) {
        List<Pair> out = new ArrayList<>();
        for (ReplicateResult r : replicates) {
            List<Long> seeds = new ArrayList<>(r.testBySeed().keySet());
            for (String metric : METRICS) {
                List<Map<String, Double>> perSeed = r.valuesPerSeed(metric);
                for (int i = 0; i < perSeed.size(); i++) {
                    Map<String, Double> v = perSeed.get(i);
                    Double searched = v.get(ReplicateResult.ARM_SEARCHED);
                    for (String versus : VERSUS) {
                        if (searched != null && v.containsKey(versus)) {
                            out.add(new Pair(r.attribute(), r.replicate(), seeds.get(i), metric, versus, searched,
                                    v.get(versus)));
                        }
                    }
                }
            }
        }
        return out;
    }

    public static List<Row> rows(List<String> attributes, List<Pair> pairs) {
        List<Row> out = new ArrayList<>();
        for (String attribute : attributes) {
            for (String metric : METRICS) {
                for (String versus : VERSUS) {
                    List<Double> d = pairs.stream().filter(p -> p.attribute().equals(attribute)
                            && p.metric().equals(metric) && p.versus().equals(versus)).map(Pair::difference).toList();
                    if (!d.isEmpty()) {
                        out.add(new Row(attribute, metric, versus, Summary.of(d)));
                    }
                }
            }
        }
        return out;
    }
}
