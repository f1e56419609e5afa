package io.fairtune.trainer.messaging;

import io.fairtune.trainer.domain.TrainerSettings;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * SIGTERM (a pod scaled down, a node drained): the trainer stops taking proposals at once, gives the trials it
 * runs {@code fairtune.trainer.drain-timeout} to finish, and leaves the rest unacknowledged. When its consumers
 * leave the group right after, those proposals go straight to the trainers that stay (no lease to wait for).
 * Runs before the Kafka connector closes its consumers (they close when the application context is destroyed,
 * after shutdown observers).
 */
@ApplicationScoped
public class DrainOnShutdown {

    private static final Logger LOG = Logger.getLogger(DrainOnShutdown.class);

    private final ProposalsInFlight inFlight;
    private final Duration drainTimeout;

    public DrainOnShutdown(ProposalsInFlight inFlight, TrainerSettings settings) {
        this.inFlight = inFlight;
        this.drainTimeout = settings.drainTimeout();
    }

    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        inFlight.stopTaking();
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (inFlight.count() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.count() > 0) {
            LOG.infof("stopping with %d trial(s) unfinished: handed back unacknowledged, the trainers that stay "
                    + "take them now", inFlight.count());
        }
    }
}
