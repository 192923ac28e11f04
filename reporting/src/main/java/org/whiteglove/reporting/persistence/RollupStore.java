package org.whiteglove.reporting.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.whiteglove.reporting.config.ReportingConfig;
import org.whiteglove.reporting.domain.CellKey;
import org.whiteglove.reporting.domain.CohortCounts;
import org.whiteglove.reporting.domain.CohortRow;
import org.whiteglove.reporting.domain.GroupBy;
import org.whiteglove.reporting.domain.HourCells;
import org.whiteglove.reporting.domain.Measure;
import org.whiteglove.reporting.domain.Periods;
import org.whiteglove.reporting.domain.ReportQuery;
import org.whiteglove.reporting.domain.TimeMeasure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The rollups. An hour's cells change by what the consumers append to {@code rollup_delta} (a ticket resolved a week
 * later, or re-prioritized, leaves its old cell and enters its new one exactly), or are computed again from the facts
 * when the hour is marked dirty (a history import); then each touched local day is rolled up from its hours, and
 * each touched ISO week and month from its days; the same days, weeks and months again with the VIP tier as
 * their only dimension, for reports that cut no finer. Reports read only these tables.
 */
@ApplicationScoped
public class RollupStore {

    /** One refresher at a time across instances: two would race on the same day rows. */
    private static final long REFRESH_LOCK = 0x5245504f52544c4bL;
    private static final Set<TimeMeasure> ALL_TIMES = EnumSet.allOf(TimeMeasure.class);
    private static final UnaryOperator<LocalDate> NEXT_DAY = d -> d.plusDays(1);
    private static final UnaryOperator<LocalDate> NEXT_WEEK = w -> w.plusWeeks(1);
    private static final UnaryOperator<LocalDate> NEXT_MONTH = m -> m.plusMonths(1);
    private static final int DAYS_PER_BACKFILL = 100;
    /** Appended cell changes applied per pass: a few per consumer batch, so a pass covers thousands of batches. */
    private static final int CHANGES_PER_BATCH = 20_000;
    /** The dimensions the {@code _tier} tables do not keep. */
    private static final Set<GroupBy> TIER_TABLES_LACK = EnumSet.of(GroupBy.PRIORITY, GroupBy.CHANNEL, GroupBy.QUEUE);
    private static final String DIMENSIONS = "priority, vip_tier, channel, queue";
    private static final String COUNTERS = Arrays.stream(Measure.values()).map(Measure::column).collect(Collectors.joining(", "));
    private static final String TIMES = Arrays.stream(TimeMeasure.values()).map(TimeMeasure::column).collect(Collectors.joining(", "));
    private static final String INSERT = "INSERT INTO %s (bucket, " + DIMENSIONS + ", " + COUNTERS + ", " + TIMES + ") VALUES (?"
            + ", ?".repeat(4 + Measure.values().length + TimeMeasure.values().length) + ")";

    private static final String FACTS = """
            SELECT f.* FROM unnest(?::text[]::timestamptz[]) AS d(hour)
            JOIN ticket_fact f ON f.opened_at >= d.hour AND f.opened_at < d.hour + interval '1 hour'""";

    private final AgroalDataSource dataSource;
    private final ZoneId zone;
    private final int hoursPerBatch;
    private volatile boolean tiersComplete;

    public RollupStore(AgroalDataSource dataSource, ReportingConfig config) {
        this.dataSource = dataSource;
        this.zone = config.timeZone();
        this.hoursPerBatch = config.rollups().hoursPerBatch();
    }

    /**
     * Rolls up one batch of dirty hours in one transaction; returns how many hours it did (0: nothing to do,
     * or another instance is at it).
     */
    @Transactional
    public int refreshBatch() {
        try (Connection c = dataSource.getConnection()) {
            return refresh(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot roll up", e);
        }
    }

    /**
     * Fills the tier tables for one batch of days rolled up before they existed (migration V3); returns how many
     * days it did (0: none left, or another instance is at it).
     */
    @Transactional
    public int backfillTierBatch() {
        try (Connection c = dataSource.getConnection()) {
            if (!tryRefreshLock(c)) {
                return 0;
            }
            TreeSet<LocalDate> days = new TreeSet<>();
            try (PreparedStatement claim = c.prepareStatement("DELETE FROM rollup_tier_backfill WHERE day IN"
                    + " (SELECT day FROM rollup_tier_backfill ORDER BY day LIMIT ? FOR UPDATE) RETURNING day")) {
                claim.setInt(1, DAYS_PER_BACKFILL);
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        days.add(rows.getObject(1, LocalDate.class));
                    }
                }
            }
            rollUpTiers(c, days);
            return days.size();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot fill the tier rollups", e);
        }
    }

    /** Whether the tier tables hold every day (nothing left to backfill); once true, it stays true. */
    private boolean tiersComplete() {
        if (!tiersComplete) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement left = c.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM rollup_tier_backfill)");
                 ResultSet rows = left.executeQuery()) {
                rows.next();
                tiersComplete = rows.getBoolean(1);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the rollup state", e);
            }
        }
        return tiersComplete;
    }

    private static boolean tryRefreshLock(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, REFRESH_LOCK);
            try (ResultSet rows = lock.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private int refresh(Connection c) throws SQLException {
        // One snapshot for the whole pass (see appendChanges): the changes it deletes are exactly those in the facts it reads.
        try (PreparedStatement isolation = c.prepareStatement("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")) {
            isolation.execute();
        }
        if (!tryRefreshLock(c)) {
            return 0;
        }
        HourCells cells = new HourCells();
        int rolledUp = rollUpDirtyHours(c, cells);
        int changes = applyChanges(c, cells);
        if (rolledUp + changes == 0) {
            return 0;
        }
        Map<Instant, Map<CellKey, CohortCounts>> hours = cells.nonEmpty();
        replaceHours(c, hours);
        TreeSet<LocalDate> days = hours.keySet().stream().map(h -> h.atZone(zone).toLocalDate()).collect(Collectors.toCollection(TreeSet::new));
        rollUp(c, "rollup_day", days, NEXT_DAY, (from, to) -> hourCells(c, startOf(from), startOf(to)), UnaryOperator.identity());
        rollUp(c, "rollup_week", map(days, Periods::weekOf), NEXT_WEEK, (from, to) -> dayCells(c, "rollup_day", from, to),
                UnaryOperator.identity());
        rollUp(c, "rollup_month", map(days, Periods::monthOf), NEXT_MONTH, (from, to) -> dayCells(c, "rollup_day", from, to),
                UnaryOperator.identity());
        rollUpTiers(c, days);
        return rolledUp + changes;
    }

    /**
     * The hours marked dirty (a history import) rolled up from all their facts into {@code cells}; their changes
     * appended before this pass's snapshot are in those facts, so they are deleted unapplied. Returns how many hours.
     */
    private int rollUpDirtyHours(Connection c, HourCells cells) throws SQLException {
        List<Instant> hours = new ArrayList<>();
        try (PreparedStatement claim = c.prepareStatement("SELECT DISTINCT hour FROM rollup_dirty ORDER BY hour LIMIT ?")) {
            claim.setInt(1, hoursPerBatch);
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    hours.add(Jdbc.instant(rows, "hour"));
                }
            }
        }
        if (hours.isEmpty()) {
            return 0;
        }
        for (String table : List.of("rollup_dirty WHERE hour", "rollup_delta WHERE bucket")) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " = ANY(?::text[]::timestamptz[])")) {
                delete.setArray(1, c.createArrayOf("text", Jdbc.isoInstants(hours)));
                delete.executeUpdate();
            }
        }
        hours.forEach(cells::touch);
        try (PreparedStatement facts = c.prepareStatement(FACTS)) {
            facts.setArray(1, c.createArrayOf("text", Jdbc.isoInstants(hours)));
            facts.setFetchSize(5_000);
            try (ResultSet rows = facts.executeQuery()) {
                while (rows.next()) {
                    cells.add(FactRows.fact(rows));
                }
            }
        }
        return hours.size();
    }

    /**
     * The oldest appended changes (up to {@link #CHANGES_PER_BATCH}) added to their hours' stored cells in
     * {@code cells}, and deleted. Returns how many.
     */
    private int applyChanges(Connection c, HourCells cells) throws SQLException {
        List<CohortRow> changes = new ArrayList<>();
        try (PreparedStatement claim = c.prepareStatement("DELETE FROM rollup_delta WHERE id IN (SELECT id FROM rollup_delta"
                + " ORDER BY id LIMIT ?) RETURNING bucket, " + DIMENSIONS + ", " + COUNTERS + ", " + TIMES)) {
            claim.setInt(1, CHANGES_PER_BATCH);
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    changes.add(new CohortRow(Jdbc.instant(rows, "bucket"), cellKey(rows), counts(rows, ALL_TIMES, false)));
                }
            }
        }
        Set<Instant> stored = new TreeSet<>();
        for (CohortRow change : changes) {
            if (!cells.contains(change.start())) {
                stored.add(change.start());
            }
        }
        if (!stored.isEmpty()) {
            stored.forEach(cells::touch);
            try (PreparedStatement select = c.prepareStatement("SELECT bucket, " + DIMENSIONS + ", " + COUNTERS + ", " + TIMES
                    + " FROM rollup_hour WHERE bucket = ANY(?::text[]::timestamptz[])")) {
                select.setArray(1, c.createArrayOf("text", Jdbc.isoInstants(stored)));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        cells.add(Jdbc.instant(rows, "bucket"), cellKey(rows), counts(rows, ALL_TIMES, false));
                    }
                }
            }
        }
        changes.forEach(change -> cells.add(change.start(), change.key(), change.counts()));
        return changes.size();
    }

    /**
     * Appends what a consumer's batch did to the hour cells. Appending never waits for the refresher; the refresher
     * runs in one REPEATABLE READ snapshot, so a change committed after it began is neither in the facts it reads
     * nor among the changes it deletes, and is applied by the next pass.
     */
    static void appendChanges(Connection c, HourCells changes) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT.formatted("rollup_delta"))) {
            int rows = 0;
            for (var hour : changes.nonEmpty().entrySet()) {
                for (var cell : hour.getValue().entrySet()) {
                    Jdbc.setInstant(insert, 1, hour.getKey());
                    bindCell(insert, cell.getKey(), cell.getValue());
                    insert.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                insert.executeBatch();
            }
        }
    }

    /** The tier tables' rows of {@code days} and of their weeks and months, from the days' full rows. */
    private void rollUpTiers(Connection c, Set<LocalDate> days) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        rollUp(c, "rollup_day_tier", days, NEXT_DAY, (from, to) -> dayCells(c, "rollup_day", from, to), CellKey::tierOnly);
        rollUp(c, "rollup_week_tier", map(days, Periods::weekOf), NEXT_WEEK, (from, to) -> dayCells(c, "rollup_day_tier", from, to),
                UnaryOperator.identity());
        rollUp(c, "rollup_month_tier", map(days, Periods::monthOf), NEXT_MONTH, (from, to) -> dayCells(c, "rollup_day_tier", from, to),
                UnaryOperator.identity());
    }

    private void replaceHours(Connection c, Map<Instant, Map<CellKey, CohortCounts>> cells) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM rollup_hour WHERE bucket = ANY(?::text[]::timestamptz[])")) {
            delete.setArray(1, c.createArrayOf("text", Jdbc.isoInstants(cells.keySet())));
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT.formatted("rollup_hour"))) {
            for (var hour : cells.entrySet()) {
                for (var cell : hour.getValue().entrySet()) {
                    Jdbc.setInstant(insert, 1, hour.getKey());
                    bindCell(insert, cell.getKey(), cell.getValue());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private interface CellSource {
        List<CohortRow> cells(LocalDate from, LocalDate to) throws SQLException;
    }

    /**
     * Replaces the rows of {@code buckets} in {@code table} by the sum of the finer cells each one spans, cells
     * summed under {@code keyOf} of their key (identity, or fewer dimensions for a tier table).
     */
    private void rollUp(Connection c, String table, Set<LocalDate> buckets, UnaryOperator<LocalDate> next, CellSource source,
                        UnaryOperator<CellKey> keyOf) throws SQLException {
        Map<LocalDate, Map<CellKey, CohortCounts>> cells = new TreeMap<>();
        for (LocalDate bucket : buckets) {
            Map<CellKey, CohortCounts> sums = new HashMap<>();
            for (CohortRow row : source.cells(bucket, next.apply(bucket))) {
                sums.computeIfAbsent(keyOf.apply(row.key()), k -> new CohortCounts()).add(row.counts());
            }
            cells.put(bucket, sums);
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE bucket = ANY(?::text[]::date[])")) {
            delete.setArray(1, c.createArrayOf("text", buckets.stream().map(LocalDate::toString).toArray()));
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT.formatted(table))) {
            for (var bucket : cells.entrySet()) {
                for (var cell : bucket.getValue().entrySet()) {
                    insert.setObject(1, bucket.getKey());
                    bindCell(insert, cell.getKey(), cell.getValue());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /**
     * Rollup rows of tickets opened in [from, to), added up in PostgreSQL to one row per group of the query
     * (its dimensions and period, or each cohort's own period with {@code byCohort}) and VIP or not: from the
     * day table for whole local days, else from the hour table. {@code times} names the duration
     * histograms too (their encodings concatenate); {@code openOnly} reads only cohorts with a backlog.
     */
    public List<CohortRow> grouped(ReportQuery query, Instant from, Instant to, boolean wholeDays, Set<TimeMeasure> times,
                                   boolean openOnly, boolean byCohort) {
        GroupBy period = query.groupBy().stream().filter(GroupBy::isPeriod).findFirst().orElse(null);
        if (!wholeDays) {
            return grouped("rollup_hour", query, from, to, times, openOnly, byCohort);
        }
        // Cut by period and tier at most: the tier tables answer with one row per tier and bucket.
        String cut = query.groupBy().stream().anyMatch(TIER_TABLES_LACK::contains) || !tiersComplete() ? "" : "_tier";
        if (byCohort) {
            return grouped("rollup_day" + cut, query, from, to, times, openOnly, true);
        }
        List<CohortRow> rows = new ArrayList<>();
        for (Periods.Segment segment : Periods.plan(from.atZone(zone).toLocalDate(), to.atZone(zone).toLocalDate(), period)) {
            String table = "rollup_" + segment.grain().name().toLowerCase() + cut;
            rows.addAll(grouped(table, query, startOf(segment.from()), startOf(segment.to()), times, openOnly, false));
        }
        return rows;
    }

    private List<CohortRow> grouped(String table, ReportQuery query, Instant from, Instant to, Set<TimeMeasure> times,
                                    boolean openOnly, boolean byCohort) {
        boolean wholeDays = !table.equals("rollup_hour");
        GroupBy period = query.groupBy().stream().filter(GroupBy::isPeriod).findFirst().orElse(null);
        String periodSql;
        if (byCohort) {
            periodSql = wholeDays ? "bucket::timestamp AT TIME ZONE ?" : "bucket";
        } else if (period == null) {
            periodSql = "NULL::timestamptz";
        } else if (wholeDays) {
            periodSql = period == GroupBy.DAY ? "bucket::timestamp AT TIME ZONE ?"
                    : "date_trunc('" + period.parameterName() + "', bucket::timestamp) AT TIME ZONE ?";
        } else {
            periodSql = period == GroupBy.HOUR ? "bucket" : "date_trunc('" + period.parameterName() + "', bucket, ?)";
        }
        boolean tier = query.groupBy().contains(GroupBy.TIER);
        String priority = query.groupBy().contains(GroupBy.PRIORITY) ? "priority" : "''";
        String channel = query.groupBy().contains(GroupBy.CHANNEL) ? "channel" : "''";
        String queue = query.groupBy().contains(GroupBy.QUEUE) ? "queue" : "''";
        StringBuilder sql = new StringBuilder("SELECT ").append(periodSql).append(" AS period, ")
                .append(priority).append(" AS priority, ")
                .append(tier ? "vip_tier" : "max(vip_tier)").append(" AS vip_tier, ")
                .append(channel).append(" AS channel, ").append(queue).append(" AS queue");
        for (Measure measure : Measure.values()) {
            sql.append(", sum(").append(measure.column()).append(") AS ").append(measure.column());
        }
        for (TimeMeasure measure : times) {
            sql.append(", string_agg(").append(measure.column()).append(", ''::bytea) AS ").append(measure.column());
        }
        sql.append(" FROM ").append(table).append(" WHERE bucket >= ? AND bucket < ?")
                .append(openOnly ? " AND open_now > 0" : "")
                .append(" GROUP BY 1, ").append(tier ? "vip_tier" : "vip_tier <> ''");
        for (String dimension : List.of(priority, channel, queue)) {
            if (!dimension.equals("''")) {
                sql.append(", ").append(dimension);
            }
        }
        List<CohortRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (periodSql.contains("?")) {
                select.setString(i++, zone.getId());
            }
            if (wholeDays) {
                select.setObject(i++, from.atZone(zone).toLocalDate());
                select.setObject(i, to.atZone(zone).toLocalDate());
            } else {
                Jdbc.setInstant(select, i++, from);
                Jdbc.setInstant(select, i, to);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Instant start = Jdbc.instant(rows, "period");
                    CellKey key = new CellKey(rows.getString("priority"), rows.getString("vip_tier"),
                            rows.getString("channel"), rows.getString("queue"));
                    out.add(new CohortRow(start == null ? from : start, key, counts(rows, times, true)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read rollups", e);
        }
        return out;
    }

    public Pending pending() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement count = c.prepareStatement("SELECT count(DISTINCT hour) AS hours, min(hour) AS oldest"
                     + " FROM (SELECT hour FROM rollup_dirty UNION ALL SELECT bucket FROM rollup_delta) AS pending");
             ResultSet rows = count.executeQuery()) {
            rows.next();
            return new Pending(rows.getLong("hours"), Jdbc.instant(rows, "oldest"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the rollup state", e);
        }
    }

    /**
     * Opened hours waiting to be rolled up, and the oldest of them (null when none). While tickets flow the current
     * hour is almost always waiting; the oldest hour says whether older periods (an import) are rolled up.
     */
    public record Pending(long hours, Instant oldestHour) {
    }

    /** The hour cells of [from, to) as stored, for rolling up a day. */
    private List<CohortRow> hourCells(Connection c, Instant from, Instant to) throws SQLException {
        return cells(c, "rollup_hour", s -> {
            Jdbc.setInstant(s, 1, from);
            Jdbc.setInstant(s, 2, to);
        });
    }

    /** The cells of days [from, to) in {@code table} (a day table), for rolling up a week or a month. */
    private List<CohortRow> dayCells(Connection c, String table, LocalDate from, LocalDate to) throws SQLException {
        return cells(c, table, s -> {
            s.setObject(1, from);
            s.setObject(2, to);
        });
    }

    private interface Bounds {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<CohortRow> cells(Connection c, String table, Bounds bounds) throws SQLException {
        String sql = "SELECT bucket, " + DIMENSIONS + ", " + COUNTERS + ", " + TIMES + " FROM " + table + " WHERE bucket >= ? AND bucket < ?";
        List<CohortRow> out = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(sql)) {
            bounds.bind(select);
            select.setFetchSize(10_000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    CellKey key = cellKey(rows);
                    // The bucket is not needed: the caller sums all cells of its range.
                    out.add(new CohortRow(Instant.EPOCH, key, counts(rows, ALL_TIMES, false)));
                }
            }
        }
        return out;
    }

    private static CellKey cellKey(ResultSet rows) throws SQLException {
        return new CellKey(rows.getString("priority"), rows.getString("vip_tier"), rows.getString("channel"), rows.getString("queue"));
    }

    private static Set<LocalDate> map(Set<LocalDate> days, UnaryOperator<LocalDate> bucket) {
        return days.stream().map(bucket).collect(Collectors.toCollection(TreeSet::new));
    }

    private static CohortCounts counts(ResultSet rows, Set<TimeMeasure> times, boolean dense) throws SQLException {
        CohortCounts counts = new CohortCounts(dense);
        for (Measure measure : Measure.values()) {
            counts.set(measure, rows.getLong(measure.column()));
        }
        for (TimeMeasure measure : times) {
            counts.time(measure).addEncoded(rows.getBytes(measure.column()));
        }
        return counts;
    }

    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    private static void bindCell(PreparedStatement insert, CellKey key, CohortCounts counts) throws SQLException {
        int i = 2;
        insert.setString(i++, key.priority());
        insert.setString(i++, key.vipTier());
        insert.setString(i++, key.channel());
        insert.setString(i++, key.queue());
        for (Measure measure : Measure.values()) {
            insert.setLong(i++, counts.get(measure));
        }
        for (TimeMeasure measure : TimeMeasure.values()) {
            insert.setBytes(i++, counts.time(measure).encode());
        }
    }
}
