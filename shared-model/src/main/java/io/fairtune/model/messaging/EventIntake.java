package io.fairtune.model.messaging;

import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.MalformedEventException;
import io.fairtune.model.events.TrialEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decode or dead-letter: a record becomes one of the event types its topic carries, or a dead letter with the
 * reason. Nothing here throws, because an exception escaping a consumer would stop its channel for good.
 */
public final class EventIntake {

    /** What became of a record: an event to handle, or the reason it goes to the dead-letter topic. */
    public sealed interface Decoded permits Accepted, Refused {
    }

    public record Accepted(TrialEvent event) implements Decoded {
    }

    public record Refused(String reason) implements Decoded {
    }

    private final List<Class<? extends TrialEvent>> carried;

    /** @param carried the event types the topic carries; any other valid event is refused */
    @SafeVarargs
    public EventIntake(Class<? extends TrialEvent>... carried) {
        this.carried = List.of(carried);
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
     * Decodes and hands the event to {@code handler}; a record that does not decode, does not belong on its topic,
     * or whose handling throws is passed to {@code deadLetters} with the reason instead.
     *
     * @param failure what a handler failure is called in the reason ("not applied", "not evaluated")
     */
    public void consume(InboundRecord record, Consumer<TrialEvent> handler, String failure,
                        DeadLetterSink deadLetters) {
        Decoded decoded = decode(record);
        if (decoded instanceof Refused refused) {
            deadLetters.deadLetter(record, refused.reason(), null);
            return;
        }
        try {
            handler.accept(((Accepted) decoded).event());
        } catch (RuntimeException e) {
            deadLetters.deadLetter(record, failure + ": " + e, e);
        }
    }

    /** Where refused records go; the service logs, counts and publishes them. */
    @FunctionalInterface
    public interface DeadLetterSink {

        /** @param cause the handler's exception, or null when the record itself was refused */
        void deadLetter(InboundRecord record, String reason, Throwable cause);
    }
}
