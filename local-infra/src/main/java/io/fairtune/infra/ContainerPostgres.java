package io.fairtune.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.testcontainers.containers.PostgreSQLContainer;

/** PostgreSQL in a container, for machines with a Docker engine. */
final class ContainerPostgres implements Postgres {

    private final PostgreSQLContainer<?> container;

    ContainerPostgres() {
        container = new PostgreSQLContainer<>("postgres:16-alpine");
        container.start();
    }

    @Override
    public synchronized String jdbcUrl(String database) {
        try (Connection c = DriverManager.getConnection(container.getJdbcUrl(), username(), password());
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (!rs.next()) {
                    st.execute("CREATE DATABASE \"" + database + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        return container.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
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
