package io.fairtune.evaluator.domain;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialFailed;
import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.events.TrialPredicted;
import io.fairtune.model.events.TrialScored;
import io.fairtune.model.json.Json;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored outcome of one (trial, attempt), scored or failed. It holds everything needed to publish the
 * identical result event again when the same predictions are redelivered: the event is always built from the
 * stored row. JSON columns are text: they are written and read whole, never queried into.
 */
@Entity
@Table(name = "metric_report")
public class MetricReport {

    private static final TypeReference<List<Double>> DOUBLES = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, Double>> METRICS = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, List<String>>> GROUP_LISTS = new TypeReference<>() { };

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "trial_id", nullable = false)
    public String trialId;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "study_id", nullable = false)
    public String studyId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TrialPhase phase;

    @Column(nullable = false)
    public String split;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReportOutcome outcome;

    public String reason;

    @Column(name = "sensitive_attribute")
    public String sensitiveAttribute;

    public Double threshold;

    @Column(name = "sample_count", nullable = false)
    public int sampleCount;

    /** Comma-separated objective ids, in the study's order. */
    @Column(name = "objective_ids", nullable = false)
    public String objectiveIds;

    @Column(name = "objectives_json", nullable = false)
    public String objectivesJson;

    @Column(name = "metrics_json", nullable = false)
    public String metricsJson;

    @Column(name = "undefined_auc_json", nullable = false)
    public String undefinedAucJson;

    @Column(name = "scored_at", nullable = false)
    public OffsetDateTime scoredAt;

    public static MetricReport scored(TrialPredicted p, Evaluation e, Instant at) {
        MetricReport r = of(p, ReportOutcome.SCORED, at);
        r.threshold = e.threshold();
        r.sampleCount = e.sampleCount();
        r.objectivesJson = Json.write(e.objectives());
        r.metricsJson = Json.write(e.metrics());
        r.undefinedAucJson = Json.write(e.undefinedAuc());
        return r;
    }

    public static MetricReport failed(TrialPredicted p, String reason, Instant at) {
        MetricReport r = of(p, ReportOutcome.FAILED, at);
        r.reason = reason;
        r.sampleCount = p.sampleIds() == null ? 0 : p.sampleIds().size();
        r.objectivesJson = "[]";
        r.metricsJson = "{}";
        r.undefinedAucJson = "{}";
        return r;
    }

    private static MetricReport of(TrialPredicted p, ReportOutcome outcome, Instant at) {
        MetricReport r = new MetricReport();
        r.trialId = p.trialId();
        r.attempt = p.attempt();
        r.studyId = p.studyId();
        r.phase = p.phase() == null ? TrialPhase.SEARCH : p.phase();
        r.split = p.split();
        r.outcome = outcome;
        r.sensitiveAttribute = p.evaluation().sensitiveAttribute();
        r.objectiveIds = String.join(",", p.evaluation().objectives());
        // the database keeps microseconds; truncating first keeps the first and a replayed event identical
        r.scoredAt = at.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
        return r;
    }

    /** The result event of this report: the same every time it is built, so a replay is identical. */
    public TrialEvent toEvent() {
        Instant at = scoredAt.toInstant();
        if (outcome == ReportOutcome.FAILED) {
            return new TrialFailed(TrialEvent.CURRENT_SCHEMA_VERSION, studyId, trialId, attempt,
                    TrialFailed.STAGE_EVALUATION, reason, false, at);
        }
        return new TrialScored(TrialEvent.CURRENT_SCHEMA_VERSION, studyId, trialId, attempt, phase, split,
                objectives(), metrics(), at);
    }

    public List<Double> objectives() {
        return new ArrayList<>(Json.read(objectivesJson, DOUBLES));
    }

    public Map<String, Double> metrics() {
        return Json.read(metricsJson, METRICS);
    }

    public Map<String, List<String>> undefinedAuc() {
        return Json.read(undefinedAucJson, GROUP_LISTS);
    }

    public List<String> objectiveIdList() {
        return objectiveIds.isEmpty() ? List.of() : Arrays.asList(objectiveIds.split(","));
    }
}
