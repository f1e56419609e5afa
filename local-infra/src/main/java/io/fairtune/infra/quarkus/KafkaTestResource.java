package io.fairtune.infra.quarkus;

import io.fairtune.infra.Infrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points a {@code @QuarkusTest} at the JVM's shared real Kafka broker. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", Infrastructure.kafka().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared across test classes; closed when the JVM exits
    }
}
