package io.fairtune.infra;

import java.util.Locale;

/**
 * One Kafka broker and one PostgreSQL server per JVM, shared by every test class that asks. Testcontainers
 * are used when a Docker engine answers (a developer laptop); otherwise the embedded servers run (CI
 * here). {@code FAIRTUNE_INFRA=embedded|containers} forces one.
 */
public final class Infrastructure {

    /** Partitions per topic in tests: enough for a handful of parallel trainers. */
    public static final int TEST_PARTITIONS = 4;

    private static KafkaBroker kafka;
    private static Postgres postgres;

    private Infrastructure() {
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = useContainers() ? new ContainerKafkaBroker(TEST_PARTITIONS)
                    : EmbeddedKafkaBroker.startEphemeral(TEST_PARTITIONS);
            Topics.create(kafka.bootstrapServers(), Topics.all(TEST_PARTITIONS));
            KafkaBroker started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-shutdown"));
        }
        return kafka;
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = useContainers() ? new ContainerPostgres() : EmbeddedPostgresServer.startEphemeral();
            Postgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "postgres-shutdown"));
        }
        return postgres;
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
