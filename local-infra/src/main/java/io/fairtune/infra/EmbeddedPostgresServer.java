package io.fairtune.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A real PostgreSQL server unpacked from Maven jars (zonky), on loopback. One with a data directory of its own
 * can be stopped and started again on the same directory and port, as an outage of a real server would be.
 */
public final class EmbeddedPostgresServer implements Postgres {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.port = postgres.getPort();
    }

    public static EmbeddedPostgresServer startEphemeral() {
        return start(null, 0);
    }

    /**
     * @param dataDir a directory to keep the data in across restarts, or null for a throw-away one
     * @param port    0 for a random free port
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        return new EmbeddedPostgresServer(launch(dataDir, port == 0 ? FreePorts.next() : port), dataDir);
    }

    private static EmbeddedPostgres launch(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    // whoever starts the server stops it, in order: a JVM shutdown hook of zonky's own would stop
                    // PostgreSQL while the services that use it are still shutting down
                    .setRegisterShutdownHook(false);
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** Stops the server, keeping its data: every client loses its connections, as in an outage. */
    public synchronized void stop() {
        requireOwnDataDirectory();
        close();
        postgres = null;
    }

    /** Starts the stopped server again on the same data directory and port. */
    public synchronized void startAgain() {
        requireOwnDataDirectory();
        if (postgres == null) {
            postgres = launch(dataDir, port);
        }
    }

    private void requireOwnDataDirectory() {
        if (dataDir == null) {
            throw new IllegalStateException("a throw-away PostgreSQL loses its data when stopped; start it on a data directory");
        }
    }

    @Override
    public String adminJdbcUrl() {
        // from the port, not the running server: the URL stays valid while the server is stopped
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    public int port() {
        return port;
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "postgres";
    }

    @Override
    public synchronized void close() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
