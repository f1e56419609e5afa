package io.fairtune.model.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fairtune.model.json.Json;

/**
 * The one JSON codec for every event. Unknown (newer, additive) fields are ignored; anything that does
 * not decode into a complete, supported event raises {@link MalformedEventException}, which the
 * services route to the dead-letter topic.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = Json.mapper();

    private EventCodec() {
    }

    /** The shared mapper ({@link Json#mapper()}); services reuse it rather than building their own. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String encode(TrialEvent event) {
        try {
            return MAPPER.writerFor(TrialEvent.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    public static TrialEvent decode(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty message");
        }
        TrialEvent event;
        try {
            event = MAPPER.readValue(json, TrialEvent.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a trial event: " + e.getOriginalMessage(), e);
        }
        if (event == null) {
            throw new MalformedEventException("not a trial event: JSON null");
        }
        EventValidator.check(event);
        return event;
    }

    /** Decodes and insists on one event type, for topics that carry a single type. */
    public static <T extends TrialEvent> T decode(String json, Class<T> type) {
        TrialEvent event = decode(json);
        if (!type.isInstance(event)) {
            throw new MalformedEventException(
                    "expected " + type.getSimpleName() + " but got " + event.getClass().getSimpleName());
        }
        return type.cast(event);
    }
}
