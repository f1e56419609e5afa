package io.fairtune.optimizer.api;

import io.fairtune.model.events.Divergence;
import io.fairtune.optimizer.domain.Trial;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A trial as the API shows it; objectives in the study's order, null where undefined. {@code divergence} holds
 * where training diverged (epoch, step, lr) when the trial failed for that reason, null otherwise.
 */
public record TrialView(String id, int number, String phase, String label, String arm, String mask,
                        double learningRate, long seed, int attempt, String state, List<Double> objectives,
                        Map<String, Double> metrics, Map<Integer, Double> intermediate, String trainerId,
                        String failureReason, Divergence divergence, boolean enqueued, Instant createdAt, Instant publishedAt,
                        Instant startedAt, Instant lastHeartbeat, Instant finishedAt) {

    public static TrialView of(Trial t) {
        return new TrialView(t.id, t.number, t.phase.name(), t.label, t.arm, t.mask, t.learningRate, t.seed,
                t.attempt, t.state.name(), t.objectives(), t.metrics(), t.intermediate(), t.trainerId,
                t.failureReason, t.divergence().orElse(null), t.enqueued, t.createdAt, t.publishedAt, t.startedAt, t.lastHeartbeat, t.finishedAt);
    }
}
