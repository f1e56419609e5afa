package io.fairtune.infra;

import org.testcontainers.kafka.KafkaContainer;

/** Kafka in a container, for machines with a Docker engine. */
final class ContainerKafkaBroker implements KafkaBroker {

    private final KafkaContainer container;

    ContainerKafkaBroker(int defaultPartitions) {
        container = new KafkaContainer("apache/kafka:4.1.1")
                .withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(defaultPartitions));
        container.start();
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
