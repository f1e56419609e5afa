package io.fairtune.model.study;

import java.util.List;

/**
 * After the search budget: retrain the winner (with its searched lr) on {@code seeds} seeds and score on test,
 * next to the baselines run the same way.
 *
 * @param baselines  fixed masks to run next to the winner, e.g. "full", "linear-readout", "bitfit"
 * @param reevaluate when present, the winner is chosen by re-evaluating the top search masks on fresh seeds
 *                   first ({@link ReevaluationSpec}); absent, it is the best search trial
 */
public record FinalPhaseSpec(int seeds, List<String> baselines, ReevaluationSpec reevaluate) {

    public FinalPhaseSpec {
        baselines = baselines == null ? List.of() : List.copyOf(baselines);
    }

    public FinalPhaseSpec(int seeds, List<String> baselines) {
        this(seeds, baselines, null);
    }

    public static FinalPhaseSpec none() {
        return new FinalPhaseSpec(0, List.of());
    }

    public FinalPhaseSpec withDefaults() {
        return reevaluate == null ? this : new FinalPhaseSpec(seeds, baselines, reevaluate.withDefaults());
    }
}
