package io.fairtune.infra;

import java.util.Locale;

/**
 * One Kafka broker and one PostgreSQL server per JVM, shared by every test class that asks. Testcontainers
 * are used when a Docker engine answers (a developer laptop); otherwise the embedded servers run (CI
 * here). {@code FAIRTUNE_INFRA=embedded|containers} forces one.
 *
 * <p>Quarkus loads this class again for every test profile (a new class loader per application start), so
 * the servers' coordinates are kept in system properties, which all class loaders share: a restarted
 * application finds the same broker and database, as a restarted service would in production.
 */
public final class Infrastructure {

    /** Partitions per topic in tests: enough for a handful of parallel trainers. */
    public static final int TEST_PARTITIONS = 4;

    private static final String KAFKA_PROPERTY = "local-infra.kafka.bootstrap";
    private static final String PG_URL_PROPERTY = "local-infra.postgres.url";
    private static final String PG_USER_PROPERTY = "local-infra.postgres.user";
    private static final String PG_PASSWORD_PROPERTY = "local-infra.postgres.password";

    private static KafkaBroker kafka;
    private static Postgres postgres;

    private Infrastructure() {
    }

    public static KafkaBroker kafka() {
        synchronized (System.getProperties()) {
            if (kafka == null) {
                String started = System.getProperty(KAFKA_PROPERTY);
                if (started != null) {
                    kafka = new StartedElsewhere.Kafka(started);
                } else {
                    kafka = useContainers() ? new ContainerKafkaBroker(TEST_PARTITIONS)
                            : EmbeddedKafkaBroker.startEphemeral(TEST_PARTITIONS);
                    Topics.create(kafka.bootstrapServers(), Topics.all(TEST_PARTITIONS));
                    KafkaBroker owned = kafka;
                    Runtime.getRuntime().addShutdownHook(new Thread(owned::close, "kafka-shutdown"));
                    System.setProperty(KAFKA_PROPERTY, kafka.bootstrapServers());
                }
            }
            return kafka;
        }
    }

    public static Postgres postgres() {
        synchronized (System.getProperties()) {
            if (postgres == null) {
                String started = System.getProperty(PG_URL_PROPERTY);
                if (started != null) {
                    postgres = new StartedElsewhere.Database(started, System.getProperty(PG_USER_PROPERTY),
                            System.getProperty(PG_PASSWORD_PROPERTY));
                } else {
                    postgres = useContainers() ? new ContainerPostgres() : EmbeddedPostgresServer.startEphemeral();
                    Postgres owned = postgres;
                    Runtime.getRuntime().addShutdownHook(new Thread(owned::close, "postgres-shutdown"));
                    System.setProperty(PG_URL_PROPERTY, postgres.adminJdbcUrl());
                    System.setProperty(PG_USER_PROPERTY, postgres.username());
                    System.setProperty(PG_PASSWORD_PROPERTY, postgres.password());
                }
            }
            return postgres;
        }
    }

    static boolean useContainers() {
        String forced = System.getenv().getOrDefault("FAIRTUNE_INFRA", "auto").toLowerCase(Locale.ROOT);
        if (forced.equals("embedded")) {
            return false;
        }
        if (forced.equals("containers")) {
            return true;
        }
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable notAvailable) {
            return false;
        }
    }
}
