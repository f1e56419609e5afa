package io.fairtune.optimizer.persistence;

import io.fairtune.model.events.TrialPhase;
import io.fairtune.optimizer.domain.TrialState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One logical trial across its attempts; {@link #attempt} is the one whose results are accepted. */
@Entity
@Table(name = "trial")
public class TrialEntity extends PanacheEntityBase {

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
        return Json.doubles(objectivesJson);
    }

    public void setObjectives(List<Double> objectives) {
        objectivesJson = Json.write(objectives);
    }

    public Map<String, Double> metrics() {
        return Json.metrics(metricsJson);
    }

    public void setMetrics(Map<String, Double> metrics) {
        metricsJson = Json.write(metrics);
    }

    public TreeMap<Integer, Double> intermediate() {
        return Json.byEpoch(intermediateJson);
    }

    public void setIntermediate(TreeMap<Integer, Double> byEpoch) {
        intermediateJson = Json.write(byEpoch);
    }

    public void appendFailure(String reason) {
        failureReason = failureReason == null ? reason : failureReason + "; " + reason;
    }

    public void finish(TrialState terminal) {
        state = terminal;
        finishedAt = Instant.now();
    }

    public static List<TrialEntity> ofStudy(String studyId) {
        return list("studyId = ?1 order by number", studyId);
    }

    public static List<TrialEntity> ofStudy(String studyId, TrialPhase phase) {
        return list("studyId = ?1 and phase = ?2 order by number", studyId, phase);
    }

    public static long count(String studyId, TrialPhase phase, Collection<TrialState> states) {
        return count("studyId = ?1 and phase = ?2 and state in ?3", studyId, phase, states);
    }

    public static long countInFlight(String studyId) {
        return count("studyId = ?1 and state in ?2", studyId, TrialState.IN_FLIGHT);
    }

    public static int nextNumber(String studyId) {
        Integer max = find("select max(t.number) from TrialEntity t where t.studyId = ?1", studyId)
                .project(Integer.class).firstResult();
        return max == null ? 0 : max + 1;
    }
}
