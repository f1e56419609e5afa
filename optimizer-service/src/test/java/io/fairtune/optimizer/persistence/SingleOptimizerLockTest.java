package io.fairtune.optimizer.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.optimizer.domain.WriterFence;
import io.quarkus.arc.ClientProxy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The running optimizer holds its database's lock, and a second optimizer on that database refuses to start. A
 * lost lock session is taken again, and a writer whose lock another optimizer took commits nothing more.
 */
@QuarkusTest
class SingleOptimizerLockTest {

    @Inject
    WriterFence fence;

    /** The advisory lock's backend: ends the holder's database session as a restart or a partition would. */
    private static final String TERMINATE_HOLDER = "select pg_terminate_backend(pid) from pg_locks where "
            + "locktype = 'advisory' and ((classid::bigint << 32) | objid::bigint) = " + SingleOptimizerLock.KEY;

    private static long epoch(Connection c) throws Exception {
        try (var s = c.createStatement(); var r = s.executeQuery("select epoch from writer_fence where id = 1")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void terminateHolder(Connection c) throws Exception {
        try (var s = c.createStatement(); var r = s.executeQuery(TERMINATE_HOLDER)) {
            assertTrue(r.next(), "someone held the optimizer lock");
        }
    }

    private Instant awaitWriterAgain(Instant before, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Instant since = fence.writerSince();
            if (since != null && since.isAfter(before)) {
                return since;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the optimizer did not take its lock again within " + timeout);
    }

    @Test
    void aLostLockSessionIsTakenAgainWithANewEpoch() throws Exception {
        try (Connection admin = connect()) {
            Instant since = fence.writerSince();
            long before = epoch(admin);
            terminateHolder(admin);
            Instant again = awaitWriterAgain(since, Duration.ofSeconds(15));
            assertEquals(before + 1, epoch(admin), "taking the lock again bumps the fencing epoch once");
            assertTrue(again.isAfter(since));
            // and it is the writer for real: a change confirms in its own transaction
            QuarkusTransaction.requiringNew().run(fence::confirm);
        }
    }

    @Test
    void aWriterWhoseLockAnotherOptimizerTookCommitsNothing() throws Exception {
        SingleOptimizerLock real = (SingleOptimizerLock) ClientProxy.unwrap(fence);
        AtomicBoolean exited = new AtomicBoolean();
        Runnable exit = real.onFencedOff;
        real.onFencedOff = () -> exited.set(true);
        Instant since = fence.writerSince();
        try (Connection admin = connect(); Connection usurper = connect()) {
            // the usurper: another optimizer that got the lock after this one's session ended, and bumped the epoch
            terminateHolder(admin);
            assertTrue(freedWithin(usurper, Duration.ofSeconds(5)));
            try (var s = usurper.createStatement()) {
                s.executeUpdate("update writer_fence set epoch = epoch + 1 where id = 1");
            }
            assertThrows(WriterFence.FencedOff.class, () -> QuarkusTransaction.requiringNew().run(fence::confirm));
            assertTrue(exited.get(), "a fenced-off optimizer stops");
            assertEquals(null, fence.writerSince(), "and is not ready meanwhile");
        } finally {
            real.onFencedOff = exit;
        }
        // the usurper is gone (its session closed): the optimizer takes the lock again, as a restarted one would
        awaitWriterAgain(since, Duration.ofSeconds(15));
        QuarkusTransaction.requiringNew().run(fence::confirm);
    }

    private static String config(String key) {
        return ConfigProvider.getConfig().getValue(key, String.class);
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(config("quarkus.datasource.jdbc.url"), config("quarkus.datasource.username"),
                config("quarkus.datasource.password"));
    }

    @Test
    void theRunningOptimizerHoldsTheLock() throws Exception {
        try (Connection other = connect()) {
            assertFalse(SingleOptimizerLock.tryLock(other), "a second session must not get the lock");
        }
    }

    @Test
    void aSecondOptimizerWaitsThenRefusesToStart() {
        SingleOptimizerLock second = new SingleOptimizerLock();
        second.url = config("quarkus.datasource.jdbc.url");
        second.username = config("quarkus.datasource.username");
        second.password = config("quarkus.datasource.password");
        second.waitSeconds = 2;
        second.checkSeconds = 1;
        long started = System.nanoTime();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> second.acquire(null));
        assertTrue(refused.getMessage().contains("another optimizer holds the lock"), refused.getMessage());
        assertTrue(System.nanoTime() - started >= 2_000_000_000L, "it waited for the holder to stop first");
    }

    private static boolean freedWithin(Connection c, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!SingleOptimizerLock.tryLock(c)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    @Test
    void theLockIsFreeAgainOnceItsHolderIsGone() throws Exception {
        // a stand-in holder on another database session: when that session ends, the lock is released
        String url = config("quarkus.datasource.jdbc.url").replaceFirst("/optimizer(\\?|$)", "/postgres$1");
        try (Connection holder = DriverManager.getConnection(url, config("quarkus.datasource.username"),
                config("quarkus.datasource.password"));
             Connection other = DriverManager.getConnection(url, config("quarkus.datasource.username"),
                     config("quarkus.datasource.password"))) {
            assertTrue(SingleOptimizerLock.tryLock(holder));
            assertFalse(SingleOptimizerLock.tryLock(other));
            holder.close();
            // the server ends the holder's backend, and releases its locks, shortly after the client hangs up
            assertTrue(freedWithin(other, Duration.ofSeconds(5)), "released with the session that held it");
        }
    }
}
