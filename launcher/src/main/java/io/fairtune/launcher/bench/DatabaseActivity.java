package io.fairtune.launcher.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Rows written (inserted + updated + deleted), rows read (by sequential and index scans) and transactions
 * committed in one database so far, from PostgreSQL's statistics views. A backend reports its counts when it goes idle, at the latest about 10 s later
 * ({@link #SETTLE_MILLIS}): read after the load stopped, or the last seconds are missing.
 */
final class DatabaseActivity {

    static final long SETTLE_MILLIS = 11_000;

    record Counts(long written, long read, long commits) {
        Counts minus(Counts before) {
            return new Counts(written - before.written, read - before.read, commits - before.commits);
        }
    }

    private DatabaseActivity() {
    }

    /** @param db the {@code quarkus.datasource.*} properties of the service */
    static Counts read(Map<String, String> db) {
        try (Connection c = DriverManager.getConnection(db.get("quarkus.datasource.jdbc.url"),
                db.get("quarkus.datasource.username"), db.get("quarkus.datasource.password"));
             Statement st = c.createStatement()) {
            long written;
            long read;
            try (ResultSet r = st.executeQuery("select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0), "
                    + "coalesce(sum(seq_tup_read + coalesce(idx_tup_fetch, 0)), 0) from pg_stat_user_tables")) {
                r.next();
                written = r.getLong(1);
                read = r.getLong(2);
            }
            try (ResultSet r = st.executeQuery("select xact_commit from pg_stat_database where datname = current_database()")) {
                r.next();
                return new Counts(written, read, r.getLong(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database's statistics: " + e.getMessage(), e);
        }
    }
}
