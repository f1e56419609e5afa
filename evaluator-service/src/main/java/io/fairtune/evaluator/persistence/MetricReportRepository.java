package io.fairtune.evaluator.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

@ApplicationScoped
public class MetricReportRepository implements PanacheRepository<MetricReport> {

    @Transactional
    public Optional<MetricReport> findAttempt(String trialId, int attempt) {
        return find("trialId = ?1 and attempt = ?2", trialId, attempt).firstResultOptional();
    }

    @Transactional
    public Optional<MetricReport> findLatest(String trialId) {
        return find("trialId = ?1 order by attempt desc", trialId).firstResultOptional();
    }

    @Transactional
    public long countAttempt(String trialId, int attempt) {
        return count("trialId = ?1 and attempt = ?2", trialId, attempt);
    }

    /**
     * Inserts in its own transaction; a unique-key violation (the same attempt stored meanwhile by a
     * redelivery on another consumer) surfaces as an exception the caller resolves by reading the winner.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void insert(MetricReport report) {
        persistAndFlush(report);
    }
}
