package io.fairtune.optimizer.persistence;

import io.fairtune.optimizer.config.OptimizerSettings;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One optimizer per study database. The engine serialises every state change in memory, so two optimizers on
 * the same database (a rollout overlapping the old pod, a node partition leaving a zombie behind) would each
 * propose against budgets the other is also spending. A PostgreSQL session advisory lock, taken before the Kafka
 * channels start and held on a connection of its own, fences them: a second optimizer waits, then refuses to
 * start; an optimizer that loses the lock's connection stops, so the database never has two writers for long.
 * (Needs a session-level connection: put no transaction-pooling proxy between the optimizer and PostgreSQL.)
 */
@ApplicationScoped
public class SingleOptimizerLock {

    private static final Logger LOG = Logger.getLogger(SingleOptimizerLock.class);
    /** "FairTune" in ASCII: the one advisory lock key of the optimizer's database. */
    public static final long KEY = 0x4661697254756e65L;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    int waitSeconds;
    int checkSeconds;

    @Inject
    void configure(OptimizerSettings settings) {
        waitSeconds = settings.lock().waitSeconds();
        checkSeconds = settings.lock().checkSeconds();
    }

    private Connection held;
    private ScheduledExecutorService watchdog;

    /** The URL without its query, which may carry credentials: this is what logs and errors show. */
    private String database() {
        return url.replaceFirst("\\?.*$", "");
    }

    /** Before the messaging lifecycle (LIBRARY_BEFORE) subscribes to any topic. */
    void acquire(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup) {
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        boolean warned = false;
        while (true) {
            Connection c = null;
            try {
                c = DriverManager.getConnection(url, username, password);
                if (tryLock(c)) {
                    held = c;
                    break;
                }
                c.close();
            } catch (SQLException e) {
                closeQuietly(c);
                throw new IllegalStateException("cannot take the optimizer lock in " + database() + ": " + e.getMessage(), e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("another optimizer holds the lock of " + database() + " (waited "
                        + waitSeconds + " s): only one optimizer may run per study database");
            }
            if (!warned) {
                LOG.warnf("another optimizer holds the lock of %s; waiting up to %d s for it to stop", database(), waitSeconds);
                warned = true;
            }
            sleep(Duration.ofSeconds(1));
        }
        LOG.infof("holding the optimizer lock of %s", database());
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "optimizer-lock-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::check, checkSeconds, checkSeconds, TimeUnit.SECONDS);
    }

    /** Takes the lock on {@code c}'s session if it is free; never waits. */
    public static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            s.setLong(1, KEY);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    private void check() {
        boolean valid;
        try {
            valid = held.isValid(5);
        } catch (SQLException e) {
            valid = false;
        }
        if (!valid) {
            // the session, and with it the lock, is gone: another optimizer may take over, so this one must stop
            LOG.error("lost the optimizer lock's database session; stopping so that only one optimizer writes");
            Quarkus.asyncExit(3);
        }
    }

    void release(@Observes ShutdownEvent shutdown) {
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        closeQuietly(held);
        held = null;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing is all that is left to do
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the optimizer lock", e);
        }
    }
}
