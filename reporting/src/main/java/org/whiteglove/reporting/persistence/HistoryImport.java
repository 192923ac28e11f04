package org.whiteglove.reporting.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.postgresql.PGConnection;
import org.whiteglove.events.HistoryCsv;
import org.whiteglove.reporting.config.ReportingConfig;
import org.whiteglove.runtime.problem.InvalidFieldException;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;

/**
 * The bulk path for history (a migration from another tool, or synthetic history for benchmarks): CSV
 * streamed with COPY into a staging table, folded into ticket facts (tickets already known are kept, so an
 * import can be repeated), and the opened hours marked for the rollups, all in one transaction.
 */
@ApplicationScoped
public class HistoryImport {


    private static final String STAGING = """
            CREATE TEMP TABLE history_import (
                ticket_id text, opened_at timestamptz, channel text, priority text, queue text, vip_tier text,
                vip_match text, status text, first_response_at timestamptz, resolved_at timestamptz,
                closed_at timestamptz, response_within boolean, response_business_ms bigint, response_breached boolean,
                resolution_within boolean, resolution_business_ms bigint, resolution_breached boolean,
                speed_of_answer_ms bigint, escalations int) ON COMMIT DROP""";

    // After hours: outside the staffed days and hours in the reporting zone (BusinessHours, in SQL).
    private static final String FOLD = """
            INSERT INTO ticket_fact (ticket_id, opened_at, channel, priority, first_priority, queue, vip_tier, vip_match,
                status, status_at, first_response_at, resolved_at, closed_at,
                response_stopped_at, response_within, response_business_ms, response_breached,
                resolution_stopped_at, resolution_within, resolution_business_ms, resolution_breached,
                breaches, speed_of_answer_ms, escalations, after_hours)
            SELECT ticket_id, opened_at, channel, priority, priority, COALESCE(queue, ''), NULLIF(vip_tier, ''), vip_match,
                COALESCE(status, 'OPEN'), COALESCE(closed_at, resolved_at, first_response_at, opened_at),
                first_response_at, resolved_at, closed_at,
                CASE WHEN response_within IS NULL THEN NULL ELSE first_response_at END, response_within,
                response_business_ms, COALESCE(response_breached, false),
                CASE WHEN resolution_within IS NULL THEN NULL ELSE resolved_at END, resolution_within,
                resolution_business_ms, COALESCE(resolution_breached, false),
                (CASE WHEN response_breached THEN 1 ELSE 0 END) + (CASE WHEN resolution_breached THEN 1 ELSE 0 END),
                speed_of_answer_ms, COALESCE(escalations, 0),
                NOT (extract(isodow FROM opened_at AT TIME ZONE ?) = ANY(?::int[])
                     AND (opened_at AT TIME ZONE ?)::time >= ?::time
                     AND ((opened_at AT TIME ZONE ?)::time < ?::time OR ?::time = '00:00'::time))
            FROM history_import
            ON CONFLICT (ticket_id) DO NOTHING""";

    private static final String DIRTY = """
            INSERT INTO rollup_dirty (hour)
            SELECT DISTINCT date_trunc('hour', opened_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' FROM history_import""";

    public record Result(long received, long imported) {
    }

    private final AgroalDataSource dataSource;
    private final ReportingConfig config;

    public HistoryImport(AgroalDataSource dataSource, ReportingConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Transactional
    public Result importCsv(InputStream csv) {
        try (Connection c = dataSource.getConnection()) {
            try (Statement create = c.createStatement()) {
                create.execute(STAGING);
            }
            long received;
            try {
                received = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY history_import (" + HistoryCsv.HEADER + ") FROM STDIN WITH (FORMAT csv, HEADER MATCH)", csv);
            } catch (SQLException e) {
                // PostgreSQL says which line and why; the whole file is refused (the transaction rolls back).
                throw new InvalidFieldException("body", e.getMessage());
            }
            try (Statement check = c.createStatement();
                 var incomplete = check.executeQuery(
                         "SELECT count(*) FROM history_import WHERE ticket_id IS NULL OR opened_at IS NULL OR channel IS NULL")) {
                incomplete.next();
                if (incomplete.getLong(1) > 0) {
                    throw new InvalidFieldException("body", incomplete.getLong(1) + " rows lack ticket_id, opened_at or channel");
                }
            }
            long imported;
            try (PreparedStatement fold = c.prepareStatement(FOLD)) {
                String zone = config.timeZone().getId();
                var hours = config.businessHours();
                fold.setString(1, zone);
                fold.setArray(2, c.createArrayOf("int", hours.days().stream().map(DayOfWeek::getValue).toArray()));
                fold.setString(3, zone);
                fold.setString(4, hours.start().toString());
                fold.setString(5, zone);
                fold.setString(6, hours.end().toString());
                fold.setString(7, hours.end().toString());
                imported = fold.executeUpdate();
            }
            try (Statement dirty = c.createStatement()) {
                dirty.executeUpdate(DIRTY);
            }
            return new Result(received, imported);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot import history", e);
        }
    }
}
