package io.fairtune.model.study;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The objectives a study can optimise; each has a natural direction. */
public enum Objective {
    MIN_AUC("min_auc", Direction.MAXIMIZE),
    AUC_GAP("auc_gap", Direction.MINIMIZE),
    OVERALL_AUC("overall_auc", Direction.MAXIMIZE),
    MIN_ACC("min_acc", Direction.MAXIMIZE),
    ACC_GAP("acc_gap", Direction.MINIMIZE),
    OVERALL_ACC("overall_acc", Direction.MAXIMIZE),
    EODDS_DIFF("eodds_diff", Direction.MINIMIZE);

    public enum Direction {
        MAXIMIZE,
        MINIMIZE
    }

    private final String id;
    private final Direction direction;

    Objective(String id, Direction direction) {
        this.id = id;
        this.direction = direction;
    }

    public String id() {
        return id;
    }

    public Direction direction() {
        return direction;
    }

    /** Turns any objective into "larger is better", which is what samplers work with. */
    public double toMaximized(double value) {
        return direction == Direction.MAXIMIZE ? value : -value;
    }

    /**
     * Values in the study's objective order turned "larger is better"; NaN where a value is missing or undefined,
     * so an undefined objective ranks below every defined one wherever values are compared.
     */
    public static double[] maximized(List<Objective> objectives, List<Double> values) {
        double[] v = new double[objectives.size()];
        for (int i = 0; i < v.length; i++) {
            Double x = values != null && i < values.size() ? values.get(i) : null;
            v[i] = x == null || x.isNaN() ? Double.NaN : objectives.get(i).toMaximized(x);
        }
        return v;
    }

    public static Optional<Objective> byId(String id) {
        return Arrays.stream(values()).filter(o -> o.id.equals(id)).findFirst();
    }

    public static String allIds() {
        return Arrays.stream(values()).map(Objective::id).collect(Collectors.joining(", "));
    }
}
