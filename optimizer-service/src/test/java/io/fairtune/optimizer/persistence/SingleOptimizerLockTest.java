package io.fairtune.optimizer.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The running optimizer holds its database's lock, and a second optimizer on that database refuses to start. */
@QuarkusTest
class SingleOptimizerLockTest {

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
