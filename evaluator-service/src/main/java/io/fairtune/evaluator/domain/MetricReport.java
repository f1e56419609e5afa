package io.fairtune.evaluator.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * The stored outcome of one (trial, attempt), scored or failed. It holds everything needed to publish the
 * identical result event again when the same predictions are redelivered. JSON columns are text: they are
 * written and read whole, never queried into.
 */
@Entity
@Table(name = "metric_report")
public class MetricReport extends PanacheEntityBase {

    public static final String SCORED = "SCORED";
    public static final String FAILED = "FAILED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "trial_id", nullable = false)
    public String trialId;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "study_id", nullable = false)
    public String studyId;

    @Column(nullable = false)
    public String phase;

    @Column(nullable = false)
    public String split;

    @Column(nullable = false)
    public String outcome;

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
}
