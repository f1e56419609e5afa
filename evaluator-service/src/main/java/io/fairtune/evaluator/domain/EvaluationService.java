package io.fairtune.evaluator.domain;

import io.fairtune.evaluator.metrics.EvaluatorMetrics;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialPredicted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Evaluate, persist, publish — in that order, before the record is acknowledged.
 *
 * <p>Idempotency: one report per (trialId, attempt), enforced by a unique key. When the same predictions
 * arrive again (redelivery after a crash or rebalance), nothing is recomputed or counted again: the stored
 * result is published again as the identical event (same values, same timestamp). Re-publishing, rather than
 * staying silent, covers a crash between persisting and publishing; the optimizer dedupes on (trialId, attempt).
 */
@ApplicationScoped
public class EvaluationService {

    private static final Logger LOG = Logger.getLogger(EvaluationService.class);

    @Inject
    TrialEvaluator evaluator;

    @Inject
    Reports reports;

    @Inject
    ResultSink publisher;

    @Inject
    EvaluatorMetrics metrics;

    /** @return the result event that was published */
    public TrialEvent handle(TrialPredicted p) {
        Optional<MetricReport> existing = reports.findAttempt(p.trialId(), p.attempt());
        if (existing.isPresent()) {
            LOG.infof("attempt %s already evaluated; publishing its stored result again", p.attemptKey());
            TrialEvent again = existing.get().toEvent();
            publisher.publishResult(again);
            return again;
        }
        long start = System.nanoTime();
        MetricReport report;
        try {
            report = MetricReport.scored(p, evaluator.evaluate(p), Instant.now());
        } catch (EvaluationRejected rejected) {
            LOG.warnf("attempt %s cannot be scored: %s", p.attemptKey(), rejected.getMessage());
            report = MetricReport.failed(p, rejected.getMessage(), Instant.now());
        }
        MetricReport stored = store(report);
        TrialEvent event = stored.toEvent();
        publisher.publishResult(event);
        if (stored == report) {
            long nanos = System.nanoTime() - start;
            if (stored.outcome == ReportOutcome.FAILED) {
                metrics.failed(nanos);
            } else {
                List<Double> objectives = stored.objectives();
                metrics.scored(stored.studyId, objectives.isEmpty() ? null : objectives.get(0), nanos);
            }
        }
        return event;
    }

    private MetricReport store(MetricReport report) {
        try {
            reports.insert(report);
            return report;
        } catch (PersistenceException e) {
            // lost a race with a concurrent copy of the same attempt: its row is the result
            return reports.findAttempt(report.trialId, report.attempt).orElseThrow(() -> e);
        }
    }
}
