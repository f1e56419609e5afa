package io.fairtune.trainer.messaging;

import io.fairtune.trainer.domain.TrainerSettings;
import io.fairtune.trainer.domain.TrialCancellations;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * SIGTERM (a pod scaled down, a node drained): the trainer stops taking proposals at once, gives the trials it
 * runs {@code fairtune.trainer.drain-timeout} to finish, then stops the rest between two steps and leaves them
 * unacknowledged (HANDED_BACK). Its consumers close without waiting for them (graceful-shutdown=false) and
 * leave the group, so those proposals go straight to the trainers that stay: no lease to wait for.
 * Runs before the Kafka connector closes its consumers (they close when the application context is destroyed,
 * after shutdown observers).
 */
@ApplicationScoped
public class DrainOnShutdown {

    private static final Logger LOG = Logger.getLogger(DrainOnShutdown.class);

    /**
     * How long a trial may take to stop once told to: the step in progress plus writing its checkpoint (the demo's
     * tiny ViT: well under a second; ViT-B/16 fully fine-tuned with AdamW writes about 1 GB); the load generator:
     * 0.1 s. A trainer that outlives it still leaves the previous checkpoint whole (atomic rename).
     */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ProposalsInFlight inFlight;
    private final TrialCancellations cancellations;
    private final Duration drainTimeout;

    public DrainOnShutdown(ProposalsInFlight inFlight, TrialCancellations cancellations, TrainerSettings settings) {
        this.inFlight = inFlight;
        this.cancellations = cancellations;
        this.drainTimeout = settings.drainTimeout();
    }

    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        inFlight.stopTaking();
        if (!awaitIdle(drainTimeout)) {
            int unfinished = inFlight.count();
            cancellations.stopAll();
            awaitIdle(STOP_TIMEOUT);
            LOG.infof("stopping with %d trial(s) unfinished after %d s: handed back unacknowledged, the trainers "
                    + "that stay take them now", unfinished, drainTimeout.toSeconds());
        }
    }

    /** Until no trial runs here, at most {@code timeout}; whether none does. */
    private boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.count() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return inFlight.count() == 0;
    }
}
