package org.whiteglove.runtime.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Deletes a table's rows older than a cutoff, {@code batch} rows per transaction until none are left: retention
 * jobs delete long backlogs in short transactions that hold few locks and little WAL each.
 */
public final class BatchedDelete {

    private BatchedDelete() {
    }

    /**
     * @param table   the table (trusted: a constant of the caller)
     * @param key     its key column(s), comma-separated
     * @param column  the timestamp compared with {@code cutoff}
     * @return how many rows were deleted
     */
    public static long olderThan(AgroalDataSource dataSource, String table, String key, String column, Instant cutoff, int batch) {
        String sql = "DELETE FROM " + table + " WHERE (" + key + ") IN (SELECT " + key + " FROM " + table + " WHERE " + column
                + " < ? LIMIT ?)";
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> {
                try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(sql)) {
                    delete.setTimestamp(1, Timestamp.from(cutoff));
                    delete.setInt(2, batch);
                    return delete.executeUpdate();
                }
            });
            total += deleted;
        } while (deleted == batch);
        return total;
    }
}
