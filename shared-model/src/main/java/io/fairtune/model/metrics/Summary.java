package io.fairtune.model.metrics;

import java.util.List;

/**
 * Mean and 95% confidence half-width (Student t, n-1 degrees of freedom) over seeds, or over any sample of
 * independent values (the replicated benchmark's paired differences).
 * {@code ci95} is null with fewer than two values.
 */
public record Summary(double mean, Double ci95, int n) {

    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    public static Summary of(List<Double> values) {
        int n = values.size();
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        if (n < 2) {
            return new Summary(mean, null, n);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = n - 1 <= T975.length ? T975[n - 2] : 1.960;
        return new Summary(mean, t * sd / Math.sqrt(n), n);
    }
}
