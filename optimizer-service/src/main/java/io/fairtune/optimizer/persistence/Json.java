package io.fairtune.optimizer.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.fairtune.model.events.EventCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The text-JSON columns of a trial, written and read with the project's one mapper. */
final class Json {

    private static final TypeReference<List<Double>> DOUBLES = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, Double>> METRICS = new TypeReference<>() { };
    private static final TypeReference<TreeMap<Integer, Double>> BY_EPOCH = new TypeReference<>() { };

    private Json() {
    }

    static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Double> doubles(String json) {
        return json == null ? null : read(json, DOUBLES, new ArrayList<>());
    }

    static Map<String, Double> metrics(String json) {
        return json == null ? Map.of() : read(json, METRICS, new LinkedHashMap<>());
    }

    static TreeMap<Integer, Double> byEpoch(String json) {
        return json == null ? new TreeMap<>() : read(json, BY_EPOCH, new TreeMap<>());
    }

    private static <T> T read(String json, TypeReference<? extends T> type, T fallback) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            return fallback;
        }
    }
}
