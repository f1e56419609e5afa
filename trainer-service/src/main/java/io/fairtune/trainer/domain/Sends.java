package io.fairtune.trainer.domain;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** How the trainer publishes an attempt's events: {@link TrialRunner} and every {@link TrialExecutor} alike. */
public final class Sends {

    private static final Logger LOG = Logger.getLogger(Sends.class);

    /** Between two tries of a send the broker refused outright (not just slowly). */
    private static final long PUBLISH_RETRY_PAUSE_MILLIS = 1000;

    private Sends() {
    }

    /**
     * Sends until the broker acknowledges: a broker outage must not throw away a trained result (hours of GPU
     * time) nor stop this trainer's channel, so a send that fails or times out is sent again, each try waiting
     * {@code timeout}, for as long as the attempt is not cancelled. The proposal stays unacknowledged meanwhile,
     * and the optimizer lets no lease expire while it cannot hear the broker either.
     *
     * @throws EventPublishException only when interrupted (the trainer is stopping) or the attempt was cancelled
     */
    public static void publish(String attemptKey, Supplier<CompletionStage<Void>> send, Duration timeout,
                               BooleanSupplier cancelled) {
        long failingSince = 0;
        while (true) {
            try {
                send.get().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (failingSince != 0) {
                    LOG.infof("attempt %s: published after %d s of retries", attemptKey,
                            (System.nanoTime() - failingSince) / 1_000_000_000L);
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventPublishException("interrupted while publishing", e);
            } catch (ExecutionException | TimeoutException e) {
                if (cancelled.getAsBoolean()) {
                    throw new EventPublishException("cannot publish, and the attempt was cancelled: " + e.getMessage(), e);
                }
                if (failingSince == 0) {
                    failingSince = System.nanoTime();
                    LOG.warnf("attempt %s: the broker did not take an event (%s); sending it again until it does",
                            attemptKey, e.getMessage());
                }
                try {
                    Thread.sleep(PUBLISH_RETRY_PAUSE_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new EventPublishException("interrupted while publishing", interrupted);
                }
            }
        }
    }
}
