package io.fairtune.model.messaging;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives every service the messaging defaults the services must agree on: the topic names
 * ({@code fairtune.topics.*}) and the trainers' consumer group ({@code fairtune.trainer.group}), from
 * {@link TopicNames}, below application.properties and the environment, so that no properties file writes
 * them again.
 * Registered in META-INF/services; only MicroProfile Config runtimes load it.
 */
public class MessagingDefaults implements ConfigSource {

    private static final int BELOW_APPLICATION_PROPERTIES = 50;

    @Override
    public Set<String> getPropertyNames() {
        return TopicNames.DEFAULTS.keySet();
    }

    @Override
    public Map<String, String> getProperties() {
        return TopicNames.DEFAULTS;
    }

    @Override
    public String getValue(String propertyName) {
        return TopicNames.DEFAULTS.get(propertyName);
    }

    @Override
    public String getName() {
        return "fairtune-messaging-defaults";
    }

    @Override
    public int getOrdinal() {
        return BELOW_APPLICATION_PROPERTIES;
    }
}
