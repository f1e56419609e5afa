package io.fairtune.launcher.bench;

import java.util.List;

/** p50 and p99 (nearest rank) of a sample, in milliseconds; NaN for an empty sample. */
record Percentiles(double p50, double p99, int count) {

    static Percentiles of(List<Long> values) {
        if (values.isEmpty()) {
            return new Percentiles(Double.NaN, Double.NaN, 0);
        }
        List<Long> sorted = values.stream().sorted().toList();
        return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.99), sorted.size());
    }

    private static double rank(List<Long> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    @Override
    public String toString() {
        return count == 0 ? "-" : String.format("%.0f / %.0f", p50, p99);
    }
}
