package io.fairtune.infra;

import org.testcontainers.containers.PostgreSQLContainer;

/** PostgreSQL in a container, for machines with a Docker engine. */
final class ContainerPostgres implements Postgres {

    private final PostgreSQLContainer<?> container;

    ContainerPostgres() {
        container = new PostgreSQLContainer<>("postgres:16-alpine");
        container.start();
    }

    @Override
    public String adminJdbcUrl() {
        return container.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/postgres$1");
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public void close() {
        container.stop();
    }
}
