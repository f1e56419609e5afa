package io.fairtune.optimizer.domain;

import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.messaging.Transience;
import io.fairtune.optimizer.config.OptimizerSettings;
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
import org.jboss.logging.Logger;

/**
 * Recovery and housekeeping. At startup every study is resumed from the database (the first tick): unpublished
 * proposals are published, parallelism is refilled; already-published trials are left alone until their lease
 * expires. Then, periodically: expire leases, refill, move proposals waiting behind busy trainers to idle ones,
 * refresh the gauges. The DB is the only state, so a
 * restart is just another tick.
 */
@ApplicationScoped
public class LoopTicker {

    private static final Logger LOG = Logger.getLogger(LoopTicker.class);

    @Inject LeaseExpiry leases;
    @Inject IdleTrainers idleTrainers;
    @Inject StudyPlanner planner;
    @Inject Studies studies;
    @Inject Trials trials;
    @Inject StudyMetrics metrics;
    @Inject OptimizerSettings settings;

    private ScheduledExecutorService executor;

    void start(@Observes StartupEvent startup) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (Study s : studies.newestFirst()) {
                metrics.bestObjective(s.id, Ranking.bestFirstObjective(s.spec(), trials.ofStudy(s.id, TrialPhase.SEARCH)));
            }
        });
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "optimizer-loop"));
        executor.scheduleWithFixedDelay(this::tickSafely, 0, settings.loop().tickMillis(), TimeUnit.MILLISECONDS);
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

    /** What the last failed tick said, so that an outage is logged when it starts, not on every tick. */
    private String lastFailure;

    private void tickSafely() {
        try {
            tick();
            if (lastFailure != null) {
                LOG.info("optimizer ticks work again");
                lastFailure = null;
            }
        } catch (RuntimeException e) {
            boolean outage = Transience.isTransient(e);
            String failure = outage ? Transience.rootMessage(e) : e.toString();
            if (!failure.equals(lastFailure)) {
                if (outage) {
                    LOG.warnf("optimizer tick not done (%s); retrying on every tick", failure);
                } else {
                    LOG.warn("optimizer tick failed; retrying on the next tick", e);
                }
            }
            lastFailure = failure;
        }
    }

    public void tick() {
        leases.expireLeases();
        List<String> active = QuarkusTransaction.requiringNew().call(() -> studies
                .inState(StudyState.RUNNING, StudyState.FINALIZING).stream().map(s -> s.id).toList());
        for (String id : active) {
            planner.fill(id);
        }
        idleTrainers.giveWaitingProposals();
        metrics.trialCounts(QuarkusTransaction.requiringNew().call(() -> trials.countByState()));
    }
}
