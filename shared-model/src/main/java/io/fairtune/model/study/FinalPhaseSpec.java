package io.fairtune.model.study;

/**
 * After the search budget: retrain the best mask (with its searched lr) on {@code seeds} seeds and score
 * on test, next to the baselines run the same way.
 *
 * @param baselines fixed masks to run next to the winner, e.g. "full", "linear-readout", "bitfit"
 */
public record FinalPhaseSpec(int seeds, java.util.List<String> baselines) {

    public FinalPhaseSpec {
        baselines = baselines == null ? java.util.List.of() : java.util.List.copyOf(baselines);
    }

    public static FinalPhaseSpec none() {
        return new FinalPhaseSpec(0, java.util.List.of());
    }
}
