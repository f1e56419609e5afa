package io.fairtune.infra.quarkus;

import io.fairtune.infra.Infrastructure;
import io.fairtune.infra.Postgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at a database on the JVM's shared real PostgreSQL server. The init arg
 * {@code database} names it (default "fairtune"); Flyway migrates it when the app starts.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "fairtune";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        Postgres pg = Infrastructure.postgres();
        return Map.of(
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(database),
                "quarkus.datasource.username", pg.username(),
                "quarkus.datasource.password", pg.password());
    }

    @Override
    public void stop() {
        // shared across test classes; closed when the JVM exits
    }
}
