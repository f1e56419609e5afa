package io.fairtune.model.study;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How predictions become decisions: at the fixed 0.5, or at the split's F1-optimal threshold (MEDFAIR).
 * The trainer's per-epoch signal and the evaluator's score read the rule through this one parser, so an
 * unknown rule cannot mean one thing to the pruner and another to the final score.
 */
public enum ThresholdRule {
    FIXED(EvaluationSpec.THRESHOLD_FIXED),
    F1_OPTIMAL(EvaluationSpec.THRESHOLD_F1_OPTIMAL);

    private final String id;

    ThresholdRule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The rule an evaluation spec names: absent means {@link #FIXED}; an unknown name is empty. */
    public static Optional<ThresholdRule> of(String id) {
        if (id == null) {
            return Optional.of(FIXED);
        }
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    public static String allIds() {
        return Arrays.stream(values()).map(ThresholdRule::id).collect(Collectors.joining(", "));
    }
}
