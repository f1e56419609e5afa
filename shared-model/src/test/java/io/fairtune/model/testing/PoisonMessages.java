package io.fairtune.model.testing;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Messages no consumer may apply: payloads that are not events at all, and each event type broken in every
 * field (removed, or set to a value of the wrong type or out of range), derived from a valid event so that a
 * consumer which half-applied one would touch a real trial.
 */
public final class PoisonMessages {

    /** @param what a short description for the tally; {@code payload} may be null (a tombstone) */
    public record Poison(String category, String what, String payload) {
    }

    private PoisonMessages() {
    }

    public static List<Poison> notEvents() {
        List<Poison> out = new ArrayList<>();
        for (String s : List.of("", " ", "{ this is not json", "not json at all", "[]", "[{\"type\":\"TrialStarted\"}]",
                "42", "\"TrialStarted\"", "null", "true", "{}", "{\"type\":\"TrialExploded\",\"trialId\":\"t\"}",
                "{\"type\":null}", "{\"type\":42}", "{\"type\":\"TrialStarted\"}", "\u0000\u0001\u0002\u00ff",
                "{\"type\":\"TrialStarted\",\"schemaVersion\":1,\"studyId\":\"s\"" /* truncated */,
                "{".repeat(5000) + "}".repeat(5000))) {
            out.add(new Poison("not an event", s.length() > 40 ? s.substring(0, 40) + "..." : s, s));
        }
        out.add(new Poison("not an event", "null value (tombstone)", null));
        return out;
    }

    /** The valid event broken one field at a time. */
    public static List<Poison> broken(TrialEvent valid) {
        String type = valid.getClass().getSimpleName();
        ObjectNode base = (ObjectNode) EventCodec.mapper().valueToTree(valid);
        base.put("type", type);
        List<Poison> out = new ArrayList<>();
        for (Iterator<String> it = base.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!optionalOnInput(valid, field)) {
                ObjectNode n = base.deepCopy();
                n.remove(field);
                out.add(poison(type, "without " + field, n));
            }
            if (!field.equals("type")) {
                ObjectNode w = base.deepCopy();
                w.set(field, wrongType(base.get(field)));
                out.add(poison(type, field + " of the wrong type", w));
            }
        }
        out.add(poison(type, "schemaVersion 0", with(base, "schemaVersion", 0)));
        out.add(poison(type, "schemaVersion from the future", with(base, "schemaVersion", 99)));
        out.add(poison(type, "attempt 0", with(base, "attempt", 0)));
        out.add(poison(type, "attempt -1", with(base, "attempt", -1)));
        out.add(poison(type, "blank studyId", with(base, "studyId", " ")));
        out.add(poison(type, "blank trialId", with(base, "trialId", "")));
        out.add(poison(type, "null trialId", base.deepCopy().putNull("trialId")));
        out.add(poison(type, "type of another name", with(base, "type", type.toLowerCase())));
        return out;
    }

    /**
     * A component the codec accepts when missing, because producers older than it omit it (marked
     * {@code @JacksonInject(useInput = TRUE, optional = TRUE)}): an event without it is valid, not poison.
     */
    private static boolean optionalOnInput(TrialEvent valid, String field) {
        try {
            return valid.getClass().getDeclaredField(field).isAnnotationPresent(JacksonInject.class);
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    private static ObjectNode with(ObjectNode base, String field, Object value) {
        ObjectNode n = base.deepCopy();
        n.set(field, EventCodec.mapper().valueToTree(value));
        return n;
    }

    /**
     * A value Jackson cannot coerce into the field's type: an object where a scalar (or null) belongs (a boolean
     * would be coerced into a String), a boolean where an object or array belongs.
     */
    private static JsonNode wrongType(JsonNode current) {
        if (current.isContainerNode()) {
            return EventCodec.mapper().getNodeFactory().booleanNode(true);
        }
        return EventCodec.mapper().createObjectNode().put("unexpected", "object");
    }

    private static Poison poison(String type, String what, JsonNode json) {
        return new Poison("broken " + type, what, json.toString());
    }
}
