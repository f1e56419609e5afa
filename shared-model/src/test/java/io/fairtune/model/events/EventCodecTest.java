package io.fairtune.model.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

    @Test
    void everyEventTypeRoundTrips() {
        for (TrialEvent event : SampleEvents.all()) {
            String json = EventCodec.encode(event);
            assertTrue(json.contains("\"type\":\"" + event.getClass().getSimpleName() + "\""), json);
            assertEquals(event, EventCodec.decode(json), json);
        }
    }

    @Test
    void nullObjectiveSurvivesTheWire() {
        TrialScored scored = (TrialScored) SampleEvents.all().get(4);
        TrialScored back = EventCodec.decode(EventCodec.encode(scored), TrialScored.class);
        assertEquals(2, back.objectives().size());
        assertEquals(null, back.objectives().get(1));
    }

    @Test
    void unknownNewerFieldsAreTolerated() {
        String json = EventCodec.encode(SampleEvents.all().get(1))
                .replace("{", "{\"addedInAFutureMinorVersion\":{\"x\":[1,2]},");
        assertInstanceOf(TrialStarted.class, EventCodec.decode(json));
    }

    @Test
    void aTrialStartedWithoutResumedFromAnOlderTrainerIsValid() {
        String json = "{\"type\":\"TrialStarted\",\"schemaVersion\":1,\"studyId\":\"s\",\"trialId\":\"t\","
                + "\"attempt\":1,\"trainerId\":\"x\",\"startedAt\":\"2026-11-27T10:00:00Z\"}";
        TrialStarted started = EventCodec.decode(json, TrialStarted.class);
        assertEquals(null, started.resumed());
        assertEquals("t", started.trialId());
    }

    @Test
    void typedDecodeRejectsAnotherType() {
        String json = EventCodec.encode(SampleEvents.all().get(1));
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.decode(json, TrialProposed.class));
        assertTrue(e.getMessage().contains("expected TrialProposed but got TrialStarted"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "null",
        "not json",
        "[1,2,3]",
        "{\"type\":\"TrialStarted\"}",
        "{\"type\":\"NoSuchEvent\",\"schemaVersion\":1,\"studyId\":\"s\",\"trialId\":\"t\",\"attempt\":1}",
        "{\"schemaVersion\":1,\"studyId\":\"s\",\"trialId\":\"t\",\"attempt\":1}",
        "{\"type\":\"TrialStarted\",\"schemaVersion\":1,\"studyId\":\"s\",\"trialId\":\"t\",\"attempt\":\"one\",\"trainerId\":\"x\",\"startedAt\":null}",
        "{\"type\":\"TrialStarted\",\"schemaVersion\":1,\"studyId\":\"s\",\"trialId\":\"\",\"attempt\":1,\"trainerId\":\"x\",\"startedAt\":null}",
        "{\"type\":\"TrialStarted\",\"schemaVersion\":1,\"studyId\":\"s\",\"trialId\":\"t\",\"attempt\":0,\"trainerId\":\"x\",\"startedAt\":null}",
        "{\"type\":\"TrialStarted\",\"schemaVersion\":99,\"studyId\":\"s\",\"trialId\":\"t\",\"attempt\":1,\"trainerId\":\"x\",\"startedAt\":null}",
        "{\"type\":\"TrialFailed\",\"schemaVersion\":1,\"studyId\":\"s\",\"trialId\":\"t\",\"attempt\":1,\"stage\":\"training\",\"reason\":\" \",\"retryable\":false,\"failedAt\":null}"
    })
    void malformedMessagesRaiseAClearError(String json) {
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> EventCodec.decode(json));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void predictionsWithMismatchedArraysAreRejected() {
        TrialPredicted p = (TrialPredicted) SampleEvents.all().get(3);
        String json = EventCodec.encode(p).replace("[0.1,0.999,0.5]", "[0.1,0.999]");
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> EventCodec.decode(json));
        assertTrue(e.getMessage().contains("sampleIds has 3 entries but scores has 2"), e.getMessage());
    }
}
