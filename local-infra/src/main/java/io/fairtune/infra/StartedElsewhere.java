package io.fairtune.infra;

/** Servers another class loader of this JVM started and owns; closing these handles leaves them running. */
final class StartedElsewhere {

    private StartedElsewhere() {
    }

    record Kafka(String bootstrapServers) implements KafkaBroker {
        @Override
        public void close() {
        }
    }

    record Database(String adminJdbcUrl, String username, String password) implements Postgres {
        @Override
        public void close() {
        }
    }
}
