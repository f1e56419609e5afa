package io.fairtune.optimizer.persistence;

import io.fairtune.optimizer.config.OptimizerSettings;
import io.fairtune.optimizer.domain.WriterFence;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One optimizer writes a study database. The engine serialises every state change in memory, so two optimizers
 * on the same database (a rollout overlapping the old pod, a node partition leaving a zombie behind) would each
 * propose against budgets the other is also spending. Two mechanisms keep them apart:
 * <ul>
 *   <li>a PostgreSQL session advisory lock, held on a connection of its own, decides who may be the writer: a
 *   second optimizer waits for it, then refuses to start;</li>
 *   <li>a fencing epoch ({@code writer_fence}), bumped by whoever takes the lock and read FOR SHARE by every
 *   change ({@link #confirm()}), makes sure a writer that lost its lock session commits nothing after another took
 *   over: the bump waits for its open transactions, every later one sees the new epoch and is refused.</li>
 * </ul>
 * Losing the lock session (a database restart or outage) is not a reason to stop: the optimizer stops changing
 * studies, reports not ready, reconnects, takes the lock again and goes on. It stops only when another optimizer
 * really holds the lock. (Needs session-level connections: no transaction-pooling proxy before PostgreSQL.)
 */
@ApplicationScoped
public class SingleOptimizerLock implements WriterFence {

    private static final Logger LOG = Logger.getLogger(SingleOptimizerLock.class);
    /** "FairTune" in ASCII: the one advisory lock key of the optimizer's database. */
    public static final long KEY = 0x4661697254756e65L;
    /** How often a database that stays unreachable is mentioned again in the log. */
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Inject
    EntityManager entities;

    int waitSeconds;
    int checkSeconds;

    @Inject
    void configure(OptimizerSettings settings) {
        waitSeconds = settings.lock().waitSeconds();
        checkSeconds = settings.lock().checkSeconds();
    }

    /** Touched by the watchdog only; the fields below are what change transactions read. */
    private Connection held;
    private volatile long epoch;
    private volatile Instant writerSince;
    private volatile Instant lostAt;
    private Instant lastReport;
    private Instant contendedSince;
    private ScheduledExecutorService watchdog;
    /** What a fenced-off optimizer does: exit, for its supervisor (Kubernetes, the launcher) to start it again. */
    Runnable onFencedOff = () -> Quarkus.asyncExit(3);

    /** The URL without its query, which may carry credentials: this is what logs and errors show. */
    private String database() {
        return url.replaceFirst("\\?.*$", "");
    }

    /** Before the messaging lifecycle (LIBRARY_BEFORE) subscribes to any topic. */
    void acquire(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup) {
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        boolean warned = false;
        while (true) {
            try {
                if (tryToBecomeWriter()) {
                    break;
                }
            } catch (SQLException e) {
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
        LOG.infof("holding the optimizer lock of %s (writer epoch %d)", database(), epoch);
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "optimizer-lock-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::watch, checkSeconds, checkSeconds, TimeUnit.SECONDS);
    }

    /** Takes the lock on a new session if it is free, and bumps the fencing epoch on that session. */
    private boolean tryToBecomeWriter() throws SQLException {
        Connection c = DriverManager.getConnection(url, username, password);
        try {
            if (!tryLock(c)) {
                c.close();
                return false;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "update writer_fence set epoch = epoch + 1 where id = 1 returning epoch");
                 ResultSet r = s.executeQuery()) {
                r.next();
                epoch = r.getLong(1);
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        held = c;
        writerSince = Instant.now();
        return true;
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

    private void watch() {
        try {
            if (held != null) {
                if (!valid(held)) {
                    lose();
                }
            } else {
                retake();
            }
        } catch (RuntimeException e) {
            // the watchdog must keep running whatever happens in one round
            LOG.warnf("optimizer lock watchdog: %s", e.toString());
        }
    }

    private static boolean valid(Connection c) {
        try {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private void lose() {
        closeQuietly(held);
        held = null;
        writerSince = null;
        lostAt = Instant.now();
        lastReport = lostAt;
        LOG.warnf("lost the database session that holds the optimizer lock of %s; changing no study until it is back "
                + "(trying again every %d s)", database(), checkSeconds);
    }

    private void retake() {
        Instant now = Instant.now();
        long away = Duration.between(lostAt, now).toSeconds();
        try {
            if (tryToBecomeWriter()) {
                contendedSince = null;
                LOG.infof("database back after %d s: holding the optimizer lock of %s again (writer epoch %d)", away,
                        database(), epoch);
                return;
            }
        } catch (SQLException e) {
            if (Duration.between(lastReport, now).compareTo(REPORT_EVERY) >= 0) {
                lastReport = now;
                LOG.warnf("database %s unreachable for %d s (%s); retrying", database(), away, e.getMessage());
            }
            return;
        }
        if (contendedSince == null) {
            contendedSince = now;
            LOG.warnf("database %s is back, but another optimizer holds its lock; waiting up to %d s for it to stop",
                    database(), waitSeconds);
        } else if (Duration.between(contendedSince, now).toSeconds() > waitSeconds) {
            stop("another optimizer holds the lock of " + database() + "; stopping so that only one optimizer writes");
        }
    }

    @Override
    public void confirm() {
        long mine = epoch;
        if (writerSince == null) {
            throw new NotTheWriter("the optimizer lock of " + database() + " is not held (its database session was lost "
                    + Duration.between(lostAt, Instant.now()).toSeconds() + " s ago); waiting to take it again");
        }
        Number current = (Number) entities.createNativeQuery("select epoch from writer_fence where id = 1 for share")
                .getSingleResult();
        if (current.longValue() != mine) {
            stop("another optimizer took the lock of " + database() + " (writer epoch " + current + ", this one's "
                    + mine + "); stopping so that only one optimizer writes");
            throw new FencedOff("this optimizer is no longer the writer of " + database());
        }
    }

    @Override
    public Instant writerSince() {
        return writerSince;
    }

    private void stop(String why) {
        writerSince = null;
        LOG.error(why);
        onFencedOff.run();
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
