package org.whiteglove.reporting.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * A consumer batch's statements in their order, each run of consecutive statements with the same SQL sent as one
 * JDBC batch: one round trip for a storm of a thousand warnings instead of a thousand. Order is kept, since a run
 * is sent before a statement with other SQL is added (a ticket's status upserts depend on the order they run in).
 * A run also ends before a second statement for the same row: the driver rewrites a run into one multi-row upsert,
 * and one upsert cannot change a row twice.
 */
final class StatementRuns implements AutoCloseable {

    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private final Connection connection;
    private final Set<String> rowsInRun = new HashSet<>();
    private String sql;
    private PreparedStatement run;

    StatementRuns(Connection connection) {
        this.connection = connection;
    }

    /** Adds a statement that changes the row {@code rowKey} (e.g. a ticket id). */
    void add(String statementSql, String rowKey, Binder binder) throws SQLException {
        if (!statementSql.equals(sql) || rowsInRun.contains(rowKey)) {
            flush();
            run = connection.prepareStatement(statementSql);
            sql = statementSql;
        }
        rowsInRun.add(rowKey);
        binder.bind(run);
        run.addBatch();
    }

    /** Sends the current run; the caller ends with it. */
    void flush() throws SQLException {
        if (run != null) {
            try {
                run.executeBatch();
            } finally {
                close();
            }
        }
    }

    /** Drops the current run unsent: after a failure the transaction rolls back, so there is nothing to send it for. */
    @Override
    public void close() throws SQLException {
        if (run != null) {
            PreparedStatement unsent = run;
            run = null;
            sql = null;
            rowsInRun.clear();
            unsent.close();
        }
    }
}
