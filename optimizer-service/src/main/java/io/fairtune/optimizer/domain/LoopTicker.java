package io.fairtune.optimizer.domain;

import io.fairtune.optimizer.metrics.OptimizerMetrics;
import io.fairtune.optimizer.persistence.StudyEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Recovery and housekeeping. At startup every study is resumed from the database (the first tick): unpublished
 * proposals are published, parallelism is refilled; already-published trials are left alone until their lease
 * expires. Then, periodically: expire leases, refill, refresh the gauges. The DB is the only state, so a
 * restart is just another tick.
 */
@ApplicationScoped
public class LoopTicker {

    private static final Logger LOG = Logger.getLogger(LoopTicker.class);

    @Inject
    StudyEngine engine;

    @Inject
    OptimizerMetrics metrics;

    @ConfigProperty(name = "fairtune.loop.tick-millis", defaultValue = "5000")
    long tickMillis;

    private ScheduledExecutorService executor;

    void start(@Observes StartupEvent startup) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (StudyEntity s : StudyEntity.<StudyEntity>listAll()) {
                metrics.bestObjective(s.id, StudyQueries.bestFirstObjective(s));
            }
        });
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "optimizer-loop"));
        executor.scheduleWithFixedDelay(this::tickSafely, 0, tickMillis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("optimizer tick failed; retrying on the next tick", e);
        }
    }

    public void tick() {
        engine.expireLeases();
        List<String> active = QuarkusTransaction.requiringNew().call(() -> StudyEntity
                .inState(StudyState.RUNNING, StudyState.FINALIZING).stream().map(s -> s.id).toList());
        for (String id : active) {
            engine.fill(id);
        }
        metrics.trialCounts(QuarkusTransaction.requiringNew().call(StudyQueries::countsAllStudies));
    }
}
