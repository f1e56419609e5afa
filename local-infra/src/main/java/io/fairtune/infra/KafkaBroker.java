package io.fairtune.infra;

/** A running Kafka cluster this process can talk to: embedded or in a container. */
public interface KafkaBroker extends AutoCloseable {

    String bootstrapServers();

    @Override
    void close();
}
