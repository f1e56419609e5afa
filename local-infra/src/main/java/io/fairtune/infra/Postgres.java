package io.fairtune.infra;

/** A running PostgreSQL server: embedded (zonky) or in a container. */
public interface Postgres extends AutoCloseable {

    /** JDBC URL of {@code database} on this server (created on first use). */
    String jdbcUrl(String database);

    String username();

    String password();

    @Override
    void close();
}
