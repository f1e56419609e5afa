package io.fairtune.model.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default topic names, written here only. Services name their topics with the keys {@code fairtune.topics.*}
 * ({@link MessagingDefaults} supplies these values to every Quarkus service; an environment variable such as
 * {@code FAIRTUNE_TOPICS_PROPOSED} overrides one); tests and the launcher use the constants.
 */
public final class TopicNames {

    public static final String PROPOSED = "fairtune.trials.proposed";
    public static final String PROGRESS = "fairtune.trials.progress";
    public static final String PREDICTED = "fairtune.trials.predicted";
    public static final String SCORED = "fairtune.trials.scored";
    public static final String CONTROL = "fairtune.trials.control";
    public static final String DLQ = "fairtune.trials.dlq";

    public static final List<String> ALL = List.of(PROPOSED, PROGRESS, PREDICTED, SCORED, CONTROL, DLQ);

    /** The consumer group every trainer joins ({@code fairtune.trainer.group}); the optimizer reads its assignment. */
    public static final String TRAINER_GROUP = "trainers";

    /** Configuration key to default: fairtune.topics.proposed = fairtune.trials.proposed, ..., the trainer group. */
    public static final Map<String, String> DEFAULTS = defaults();

    private TopicNames() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String topic : ALL) {
            keys.put("fairtune.topics." + topic.substring(topic.lastIndexOf('.') + 1), topic);
        }
        keys.put("fairtune.trainer.group", TRAINER_GROUP);
        return Map.copyOf(keys);
    }
}
