package io.fairtune.optimizer.ui;

/** The 97.5 % quantile of Student's t, for 95 % intervals with (possibly fractional, Welch) degrees of freedom. */
final class StudentT {

    private static final double Z975 = 1.959963984540054;
    /** Welch's df of two equal variances with n = 2 each is 2 in exact arithmetic and 1.9999999999999998 in doubles. */
    private static final double EPSILON = 1e-9;

    private StudentT() {
    }

    /**
     * Exact for df 1 and 2 (closed forms); a four-term Cornish–Fisher expansion above, within 0.03 of the table
     * value at df 3 and within 0.001 from df 8. Fractional df below 3 round down, which widens the interval.
     */
    static double quantile975(double df) {
        if (!(df >= 1 - EPSILON)) {
            return Double.NaN;
        }
        if (df < 2 - EPSILON) {
            return Math.tan(Math.PI * (0.975 - 0.5));
        }
        if (df < 3 - EPSILON) {
            double p = 0.975;
            return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
        }
        double z = Z975;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        double z7 = z5 * z * z;
        return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df * df * df);
    }
}
