package io.fairtune.evaluator.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.fairtune.evaluator.domain.Evaluation;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialFailed;
import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.events.TrialPredicted;
import io.fairtune.model.events.TrialScored;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Between stored reports and result events; the event is always built from the stored row, so a replay is identical. */
public final class ReportMapper {

    private static final TypeReference<List<Double>> DOUBLES = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, Double>> METRICS = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, List<String>>> GROUP_LISTS = new TypeReference<>() { };

    private ReportMapper() {
    }

    public static MetricReport scored(TrialPredicted p, Evaluation e, Instant at) {
        MetricReport r = base(p, MetricReport.SCORED, at);
        r.threshold = e.threshold();
        r.sampleCount = e.sampleCount();
        r.objectivesJson = json(e.objectives());
        r.metricsJson = json(e.metrics());
        r.undefinedAucJson = json(e.undefinedAuc());
        return r;
    }

    public static MetricReport failed(TrialPredicted p, String reason, Instant at) {
        MetricReport r = base(p, MetricReport.FAILED, at);
        r.reason = reason;
        r.sampleCount = p.sampleIds() == null ? 0 : p.sampleIds().size();
        r.objectivesJson = "[]";
        r.metricsJson = "{}";
        r.undefinedAucJson = "{}";
        return r;
    }

    private static MetricReport base(TrialPredicted p, String outcome, Instant at) {
        MetricReport r = new MetricReport();
        r.trialId = p.trialId();
        r.attempt = p.attempt();
        r.studyId = p.studyId();
        r.phase = (p.phase() == null ? TrialPhase.SEARCH : p.phase()).name();
        r.split = p.split();
        r.outcome = outcome;
        r.sensitiveAttribute = p.evaluation().sensitiveAttribute();
        r.objectiveIds = String.join(",", p.evaluation().objectives());
        // the database keeps microseconds; truncating first keeps the first and a replayed event identical
        r.scoredAt = at.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
        return r;
    }

    public static TrialEvent toEvent(MetricReport r) {
        Instant at = r.scoredAt.toInstant();
        if (MetricReport.FAILED.equals(r.outcome)) {
            return new TrialFailed(TrialEvent.CURRENT_SCHEMA_VERSION, r.studyId, r.trialId, r.attempt,
                    TrialFailed.STAGE_EVALUATION, r.reason, false, at);
        }
        return new TrialScored(TrialEvent.CURRENT_SCHEMA_VERSION, r.studyId, r.trialId, r.attempt,
                TrialPhase.valueOf(r.phase), r.split, objectives(r), metrics(r), at);
    }

    public static List<Double> objectives(MetricReport r) {
        return new ArrayList<>(read(r.objectivesJson, DOUBLES));
    }

    public static Map<String, Double> metrics(MetricReport r) {
        return read(r.metricsJson, METRICS);
    }

    public static Map<String, List<String>> undefinedAuc(MetricReport r) {
        return read(r.undefinedAucJson, GROUP_LISTS);
    }

    public static List<String> objectiveIds(MetricReport r) {
        return r.objectiveIds.isEmpty() ? List.of() : Arrays.asList(r.objectiveIds.split(","));
    }

    private static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored report is not valid JSON", e);
        }
    }
}
