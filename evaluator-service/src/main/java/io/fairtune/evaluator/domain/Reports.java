package io.fairtune.evaluator.domain;

import java.util.Optional;

/** The stored reports; persistence implements it. */
public interface Reports {

    Optional<MetricReport> findAttempt(String trialId, int attempt);

    Optional<MetricReport> findLatest(String trialId);

    /**
     * Inserts in a transaction of its own; a unique-key violation (the same attempt stored meanwhile by a
     * redelivery on another consumer) surfaces as an exception the caller resolves by reading the winner.
     */
    void insert(MetricReport report);
}
