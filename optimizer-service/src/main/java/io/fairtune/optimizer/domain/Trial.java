package io.fairtune.optimizer.domain;

import io.fairtune.model.events.Divergence;
import io.fairtune.model.events.TrialPhase;
import com.fasterxml.jackson.core.type.TypeReference;
import io.fairtune.model.json.Json;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One logical trial across its attempts; {@link #attempt} is the one whose results are accepted. Its state
 * changes are {@link TrialLifecycle}'s; queries live in persistence ({@link Trials}).
 */
@Entity
@Table(name = "trial")
public class Trial extends PanacheEntityBase {

    private static final TypeReference<List<Double>> DOUBLES = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, Double>> METRICS = new TypeReference<>() { };
    private static final TypeReference<TreeMap<Integer, Double>> BY_EPOCH = new TypeReference<>() { };

    @Id
    public String id;
    @Column(name = "study_id")
    public String studyId;
    public int number;
    @Enumerated(EnumType.STRING)
    public TrialPhase phase;
    public String label;
    /** FINAL trials: "best" or a baseline wire form; null in the search. */
    public String arm;
    @Column(name = "seed_index")
    public Integer seedIndex;
    public String mask;
    @Column(name = "learning_rate")
    public double learningRate;
    public long seed;
    public int attempt;
    /** Attempts that were moved unstarted to an idle trainer (see {@link TrialLifecycle#move}). */
    public int moves;
    @Enumerated(EnumType.STRING)
    public TrialState state;
    public boolean enqueued;
    @Column(name = "objectives_json", columnDefinition = "text")
    public String objectivesJson;
    @Column(name = "metrics_json", columnDefinition = "text")
    public String metricsJson;
    @Column(name = "intermediate_json", columnDefinition = "text")
    public String intermediateJson;
    @Column(name = "trainer_id")
    public String trainerId;
    @Column(name = "failure_reason", columnDefinition = "text")
    public String failureReason;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "published_at")
    public Instant publishedAt;
    /** Proposals partition of the latest attempt; null when the broker chose it (no trainer group known). */
    @Column(name = "kafka_partition")
    public Integer kafkaPartition;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "last_heartbeat")
    public Instant lastHeartbeat;
    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Objective values in the study's order and natural direction; entries are null when undefined. */
    public List<Double> objectives() {
        return objectivesJson == null ? null : Json.read(objectivesJson, DOUBLES);
    }

    public void setObjectives(List<Double> objectives) {
        objectivesJson = Json.write(objectives);
    }

    public Map<String, Double> metrics() {
        return metricsJson == null ? Map.of() : Json.read(metricsJson, METRICS);
    }

    public void setMetrics(Map<String, Double> metrics) {
        metricsJson = Json.write(metrics);
    }

    public TreeMap<Integer, Double> intermediate() {
        return intermediateJson == null ? new TreeMap<>() : Json.read(intermediateJson, BY_EPOCH);
    }

    public void setIntermediate(TreeMap<Integer, Double> byEpoch) {
        intermediateJson = Json.write(byEpoch);
    }

    /** Where training diverged, when this trial failed for that reason ({@link Divergence} reads the reason). */
    public Optional<Divergence> divergence() {
        return state == TrialState.FAILED ? Divergence.parse(failureReason) : Optional.empty();
    }

    public void appendFailure(String reason) {
        failureReason = failureReason == null ? reason : failureReason + "; " + reason;
    }

    public void finish(TrialState terminal, Instant now) {
        state = terminal;
        finishedAt = now;
    }
}
