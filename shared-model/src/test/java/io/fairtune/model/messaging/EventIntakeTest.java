package io.fairtune.model.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.SampleEvents;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.model.events.TrialScored;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventIntakeTest {

    private static final EventIntake.Retry FAST = new EventIntake.Retry(Duration.ofMillis(1), Duration.ofMillis(4), 3,
            Duration.ofSeconds(30));
    private final EventIntake scoredTopic = new EventIntake(TrialScored.class).retrying(FAST);
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
        int[] tries = {0};
        consume(EventCodec.encode(sample(TrialScored.class)), () -> {
            tries[0]++;
            throw new IllegalStateException("scores for an attempt that never started");
        });
        assertTrue(handled.isEmpty());
        assertEquals(3, deadLetters.size(), deadLetters.toString());
        assertTrue(deadLetters.get(0).startsWith("not a trial event"), deadLetters.get(0));
        assertEquals("TrialProposed does not belong on scored", deadLetters.get(1));
        assertTrue(deadLetters.get(2).startsWith("not applied: java.lang.IllegalStateException: scores for"));
        assertEquals(3, tries[0], "a failure that is not transient is tried otherFailureTries times, then dead-lettered");
    }

    @Test
    void aTransientFailureIsRetriedUntilItIsAppliedAndNeverDeadLettered() {
        TrialEvent scored = sample(TrialScored.class);
        int[] tries = {0};
        // more failures than otherFailureTries: a database outage lasts as long as it lasts
        consume(EventCodec.encode(scored), () -> {
            tries[0]++;
            if (tries[0] <= 7) {
                throw new RuntimeException("could not apply", new RuntimeException("JDBC",
                        new SQLException("Connection to 127.0.0.1:5432 refused", "08001")));
            }
        });
        assertEquals(8, tries[0]);
        assertEquals(List.of(scored), handled);
        assertTrue(deadLetters.isEmpty(), deadLetters.toString());
    }

    @Test
    void retryLaterAndAnUnpublishedResultAreTransientToo() {
        int[] tries = {0};
        consume(EventCodec.encode(sample(TrialScored.class)), () -> {
            tries[0]++;
            if (tries[0] == 1) {
                throw new RetryLater("not the writer yet");
            }
            if (tries[0] < 5) {
                throw new PublishFailedException("broker did not acknowledge", null);
            }
        });
        assertEquals(5, tries[0]);
        assertEquals(1, handled.size());
        assertTrue(deadLetters.isEmpty(), deadLetters.toString());
    }

    @Test
    void anInterruptWhileWaitingLeavesTheRecordUnacknowledged() {
        Thread.currentThread().interrupt();
        try {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> consume(
                    EventCodec.encode(sample(TrialScored.class)), () -> {
                        throw new RetryLater("database away");
                    }));
        } finally {
            Thread.interrupted();
        }
        assertTrue(handled.isEmpty());
        assertTrue(deadLetters.isEmpty(), "an interrupted retry is not a dead letter: " + deadLetters);
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
