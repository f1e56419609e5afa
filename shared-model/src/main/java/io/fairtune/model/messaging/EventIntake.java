package io.fairtune.model.messaging;

import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.MalformedEventException;
import io.fairtune.model.events.TrialEvent;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decode, apply, retry or dead-letter. A record becomes one of the event types its topic carries, or a dead
 * letter with the reason. A valid event whose handling fails for a reason that goes away by itself (database or
 * broker unreachable, see {@link Transience}) is retried with backoff until it is applied, however long that
 * takes: it is never dead-lettered, and the record is acknowledged only after it was applied. Any other handler
 * failure is tried a few times (it may be a race) and then dead-lettered. Nothing here throws, because an
 * exception escaping a consumer would stop its channel for good; the one exception is an interrupt, which
 * means the service is stopping and the record must stay unacknowledged.
 */
public final class EventIntake {

    private static final System.Logger LOG = System.getLogger(EventIntake.class.getName());

    /** What became of a record: an event to handle, or the reason it goes to the dead-letter topic. */
    public sealed interface Decoded permits Accepted, Refused {
    }

    public record Accepted(TrialEvent event) implements Decoded {
    }

    public record Refused(String reason) implements Decoded {
    }

    /**
     * How handler failures are retried.
     *
     * @param first           the first wait after a transient failure; doubled per failure up to {@code max}
     * @param max             the longest wait between two attempts
     * @param otherFailureTries attempts before a non-transient handler failure is dead-lettered
     * @param reportEvery     how often a failure that keeps going is logged again
     */
    public record Retry(Duration first, Duration max, int otherFailureTries, Duration reportEvery) {

        public static final Retry DEFAULT = new Retry(Duration.ofMillis(200), Duration.ofSeconds(5), 3,
                Duration.ofSeconds(30));
    }

    private final List<Class<? extends TrialEvent>> carried;
    private final Retry retry;

    /** @param carried the event types the topic carries; any other valid event is refused */
    @SafeVarargs
    public EventIntake(Class<? extends TrialEvent>... carried) {
        this(Retry.DEFAULT, List.of(carried));
    }

    private EventIntake(Retry retry, List<Class<? extends TrialEvent>> carried) {
        this.carried = carried;
        this.retry = retry;
    }

    /** The same intake with other retry timings. */
    public EventIntake retrying(Retry timings) {
        return new EventIntake(timings, carried);
    }

    public Decoded decode(InboundRecord record) {
        TrialEvent event;
        try {
            event = EventCodec.decode(record.payload());
        } catch (MalformedEventException e) {
            return new Refused(e.getMessage());
        } catch (RuntimeException e) {
            // a codec bug is refused like a bad message rather than failing the stream
            return new Refused("not decodable: " + e);
        }
        if (carried.stream().noneMatch(type -> type.isInstance(event))) {
            return new Refused(event.getClass().getSimpleName() + " does not belong on " + record.topic());
        }
        return new Accepted(event);
    }

    /**
     * Decodes and hands the event to {@code handler} until it succeeds (transient failures) or has failed
     * {@link Retry#otherFailureTries()} times otherwise; a record that does not decode, does not belong on its
     * topic, or whose handling keeps failing is passed to {@code deadLetters} with the reason instead.
     *
     * @param failure what a handler failure is called in the reason ("not applied", "not evaluated")
     * @throws IllegalStateException only when interrupted while waiting to retry (the service is stopping)
     */
    public void consume(InboundRecord record, Consumer<TrialEvent> handler, String failure,
                        DeadLetterSink deadLetters) {
        Decoded decoded = decode(record);
        if (decoded instanceof Refused refused) {
            deadLetters.deadLetter(record, refused.reason(), null);
            return;
        }
        TrialEvent event = ((Accepted) decoded).event();
        long firstFailure = 0;
        long lastReport = 0;
        Duration wait = retry.first();
        int otherFailures = 0;
        while (true) {
            try {
                handler.accept(event);
                if (firstFailure != 0) {
                    LOG.log(System.Logger.Level.INFO, "applied {0} of {1} after {2} s of retries",
                            event.getClass().getSimpleName(), event.attemptKey(), seconds(firstFailure));
                }
                return;
            } catch (RuntimeException e) {
                boolean transientFailure = Transience.isTransient(e);
                if (!transientFailure && ++otherFailures >= retry.otherFailureTries()) {
                    deadLetters.deadLetter(record, failure + ": " + e, e);
                    return;
                }
                long now = System.nanoTime();
                if (firstFailure == 0) {
                    firstFailure = now;
                }
                if (lastReport == 0 || now - lastReport >= retry.reportEvery().toNanos()) {
                    lastReport = now;
                    LOG.log(System.Logger.Level.WARNING, "{0} of {1} not applied yet ({2}){3}; retrying",
                            event.getClass().getSimpleName(), event.attemptKey(), Transience.rootMessage(e),
                            firstFailure == now ? "" : " for " + seconds(firstFailure) + " s");
                }
            }
            sleep(wait, event);
            Duration doubled = wait.multipliedBy(2);
            wait = doubled.compareTo(retry.max()) > 0 ? retry.max() : doubled;
        }
    }

    private static long seconds(long sinceNanos) {
        return Duration.ofNanos(System.nanoTime() - sinceNanos).toSeconds();
    }

    private static void sleep(Duration wait, TrialEvent event) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while retrying " + event.attemptKey()
                    + "; its record stays unacknowledged and comes again", e);
        }
    }

    /** Where refused records go; the service logs, counts and publishes them. */
    @FunctionalInterface
    public interface DeadLetterSink {

        /** @param cause the handler's exception, or null when the record itself was refused */
        void deadLetter(InboundRecord record, String reason, Throwable cause);
    }
}
