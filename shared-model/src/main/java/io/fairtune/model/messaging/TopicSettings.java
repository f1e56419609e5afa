package io.fairtune.model.messaging;

/**
 * The topics as a service's configuration names them ({@code fairtune.topics.*}, defaults {@link TopicNames}):
 * each service's settings mapping includes this group, so every service reads the same keys.
 */
public interface TopicSettings {

    String proposed();

    String progress();

    String predicted();

    String scored();

    String control();

    String dlq();
}
