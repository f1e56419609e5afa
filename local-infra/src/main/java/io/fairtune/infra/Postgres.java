package io.fairtune.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/** A running PostgreSQL server: embedded (zonky), in a container, or one started earlier in this JVM. */
public interface Postgres extends AutoCloseable {

    Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** JDBC URL of the server's "postgres" database, from which others are created. */
    String adminJdbcUrl();

    String username();

    String password();

    /** JDBC URL of {@code database} on this server, created on first use. */
    default String jdbcUrl(String database) {
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name must match " + SAFE_NAME + ": " + database);
        }
        synchronized (Postgres.class) {
            try (Connection c = DriverManager.getConnection(adminJdbcUrl(), username(), password());
                 PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        try (Statement create = c.createStatement()) {
                            create.execute("CREATE DATABASE " + database);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
            }
        }
        return adminJdbcUrl().replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
    }

    @Override
    void close();
}
