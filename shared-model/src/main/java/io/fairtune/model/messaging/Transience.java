package io.fairtune.model.messaging;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a failure that goes away by itself (a database or broker out of reach, a timeout, a lock not held yet)
 * from one that will recur however often the same event is applied. Looks through the whole cause chain,
 * because Hibernate, Narayana and the Kafka clients wrap the failure that says what happened.
 */
public final class Transience {

    /**
     * SQLSTATE classes that describe the server or the connection, not the statement: 08 connection exception,
     * 40 transaction rollback (serialization failure, deadlock), 53 insufficient resources, 57 operator
     * intervention (admin shutdown, crash shutdown, cannot connect now).
     */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "40", "53", "57");

    private Transience() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetryLater || t instanceof PublishFailedException || t instanceof IOException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || kafkaRetriable(t)) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // no SQLSTATE: the pool or the driver failed before the server saw a statement (no connection)
                if (state == null || state.length() < 2 || TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Kafka's own classification, by name: not every user of this class has the Kafka client on its path. */
    private static boolean kafkaRetriable(Throwable t) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            String name = c.getName();
            if (name.equals("org.apache.kafka.common.errors.RetriableException")
                    || name.equals("org.apache.kafka.common.errors.TimeoutException")
                    || name.equals("org.apache.kafka.common.errors.DisconnectException")) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message of the chain, for a log line that says what is wrong without a stack trace. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
