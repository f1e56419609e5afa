package io.fairtune.evaluator.persistence;

import io.fairtune.evaluator.domain.MetricReport;
import io.fairtune.evaluator.domain.Reports;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Every query of the evaluator's database. */
@ApplicationScoped
public class MetricReportRepository implements PanacheRepository<MetricReport>, Reports {

    @Override
    @Transactional
    public Optional<MetricReport> findAttempt(String trialId, int attempt) {
        return find("trialId = ?1 and attempt = ?2", trialId, attempt).firstResultOptional();
    }

    @Override
    @Transactional
    public Optional<MetricReport> findLatest(String trialId) {
        return find("trialId = ?1 order by attempt desc", trialId).firstResultOptional();
    }

    @Transactional
    public long countAttempt(String trialId, int attempt) {
        return count("trialId = ?1 and attempt = ?2", trialId, attempt);
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void insert(MetricReport report) {
        persistAndFlush(report);
    }
}
