package io.fairtune.model.study;

import java.util.List;

/**
 * Noise-aware choice of the winner: before the final phase the {@code topK} best search masks are trained again,
 * each with its searched lr, on {@code seeds} fresh seeds and scored on the validation split; the final phase then
 * retrains the mask with the best re-evaluated first objective instead of the one a single lucky search seed put
 * on top. The search's own score is left out of the mean: it is the score the mask was selected on, so including
 * it would carry the selection bias (the winner's curse) into the re-evaluation.
 *
 * @param topK   search masks to re-evaluate (default {@value #DEFAULT_TOP_K})
 * @param seeds  fresh seeds per mask (default {@value #DEFAULT_SEEDS})
 * @param select {@code mean} (the highest mean of the first objective) or {@code ci-low} (the highest lower end
 *               of its 95 % t interval over the seeds: a mask must be good and steady)
 */
public record ReevaluationSpec(Integer topK, Integer seeds, String select) {

    public static final int DEFAULT_TOP_K = 3;
    public static final int DEFAULT_SEEDS = 3;
    public static final String SELECT_MEAN = "mean";
    public static final String SELECT_CI_LOW = "ci-low";
    public static final List<String> SELECTIONS = List.of(SELECT_MEAN, SELECT_CI_LOW);

    public ReevaluationSpec withDefaults() {
        return new ReevaluationSpec(topK == null ? DEFAULT_TOP_K : topK, seeds == null ? DEFAULT_SEEDS : seeds,
                select == null ? SELECT_MEAN : select);
    }

    public boolean byLowerBound() {
        return SELECT_CI_LOW.equals(select);
    }
}
