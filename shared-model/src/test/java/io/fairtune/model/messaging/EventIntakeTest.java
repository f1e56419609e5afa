package io.fairtune.model.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.SampleEvents;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.model.events.TrialScored;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventIntakeTest {

    private final EventIntake scoredTopic = new EventIntake(TrialScored.class);
    private final List<String> deadLetters = new ArrayList<>();
    private final List<TrialEvent> handled = new ArrayList<>();

    private static TrialEvent sample(Class<? extends TrialEvent> type) {
        return SampleEvents.all().stream().filter(type::isInstance).findFirst().orElseThrow();
    }

    private void consume(String payload, Runnable handlerEffect) {
        scoredTopic.consume(new InboundRecord("scored", "k", payload), e -> {
            handlerEffect.run();
            handled.add(e);
        }, "not applied", (record, reason, cause) -> deadLetters.add(reason));
    }

    @Test
    void aCarriedEventIsHandled() {
        TrialEvent scored = sample(TrialScored.class);
        consume(EventCodec.encode(scored), () -> { });
        assertEquals(List.of(scored), handled);
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void garbageAForeignTypeAndAFailingHandlerAreDeadLettered() {
        consume("{not json", () -> { });
        consume(EventCodec.encode(sample(TrialProposed.class)), () -> { });
        consume(EventCodec.encode(sample(TrialScored.class)), () -> {
            throw new IllegalStateException("database down");
        });
        assertTrue(handled.isEmpty());
        assertEquals(3, deadLetters.size(), deadLetters.toString());
        assertTrue(deadLetters.get(0).startsWith("not a trial event"), deadLetters.get(0));
        assertEquals("TrialProposed does not belong on scored", deadLetters.get(1));
        assertTrue(deadLetters.get(2).startsWith("not applied: java.lang.IllegalStateException: database down"));
    }

    @Test
    void aDeadLetterKeepsThePayloadAndSaysWhereItCameFrom() {
        OutboundRecord dead = new InboundRecord("fairtune.trials.scored", "key", null).deadLetter("bad");
        assertEquals("", dead.payload());
        assertEquals("key", dead.key());
        assertEquals("fairtune.trials.scored", dead.headers().get(DeadLetterHeaders.SOURCE_TOPIC));
        assertEquals("bad", dead.headers().get(DeadLetterHeaders.ERROR));
        assertInstanceOf(EventIntake.Refused.class, scoredTopic.decode(new InboundRecord("t", null, "")));
    }
}
