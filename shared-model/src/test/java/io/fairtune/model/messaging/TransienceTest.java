package io.fairtune.model.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class TransienceTest {

    private static RuntimeException wrapped(Throwable cause) {
        // as Hibernate and Narayana hand it over: the telling exception two levels down
        return new RuntimeException("transaction failed", new IllegalStateException("could not execute", cause));
    }

    @Test
    void connectionAndServerStateSqlErrorsAreTransient() {
        assertTrue(Transience.isTransient(wrapped(new SQLException("refused", "08001"))));
        assertTrue(Transience.isTransient(wrapped(new SQLException("terminating connection", "57P01"))));
        assertTrue(Transience.isTransient(wrapped(new SQLException("the database system is starting up", "57P03"))));
        assertTrue(Transience.isTransient(wrapped(new SQLException("could not serialize access", "40001"))));
        assertTrue(Transience.isTransient(wrapped(new SQLException("too many connections", "53300"))));
        assertTrue(Transience.isTransient(wrapped(new SQLException("Acquisition timeout while waiting for new connection"))));
    }

    @Test
    void statementErrorsAreNot() {
        assertFalse(Transience.isTransient(wrapped(new SQLException("duplicate key", "23505"))));
        assertFalse(Transience.isTransient(wrapped(new SQLException("column does not exist", "42703"))));
        assertFalse(Transience.isTransient(new IllegalArgumentException("mask has 11 bits, the space 12")));
        assertFalse(Transience.isTransient(new NullPointerException()));
    }

    @Test
    void networkTimeoutsAndRetryLaterAreTransient() {
        assertTrue(Transience.isTransient(new UncheckedIOException(new ConnectException("Connection refused"))));
        assertTrue(Transience.isTransient(wrapped(new java.util.concurrent.TimeoutException())));
        assertTrue(Transience.isTransient(new RetryLater("lock not held")));
        assertTrue(Transience.isTransient(new PublishFailedException("no ack in 60 s", null)));
    }

    @Test
    void theRootMessageSaysWhatHappened() {
        assertEquals("refused", Transience.rootMessage(wrapped(new SQLException("refused", "08001"))));
        assertEquals("NullPointerException", Transience.rootMessage(new RuntimeException(new NullPointerException())));
    }
}
