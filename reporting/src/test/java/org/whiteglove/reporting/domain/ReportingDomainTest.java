package org.whiteglove.reporting.domain;

import org.junit.jupiter.api.Test;

import org.whiteglove.runtime.problem.InvalidFieldException;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reporting domain without Quarkus, Kafka or a database. */
class ReportingDomainTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void percentilesAreNearestRankAndExactBelow256Seconds() {
        DurationHistogram histogram = DurationHistogram.sparse();
        List.of(120L, 300L, 600L, 2400L).forEach(histogram::recordSeconds);
        assertEquals(300L, histogram.percentile(50));
        assertEquals(2400L, histogram.percentile(90));
        assertEquals(2400L, histogram.percentile(99));
        assertEquals(120L, histogram.percentile(1));
        assertNull(DurationHistogram.sparse().percentile(50));
    }

    @Test
    void largeDurationsStayWithinOnePercent() {
        DurationHistogram histogram = DurationHistogram.sparse();
        histogram.recordSeconds(1_234_567);
        long p = histogram.percentile(50);
        assertTrue(Math.abs(p - 1_234_567) <= 1_234_567 / 100, "got " + p);
    }

    @Test
    void encodedHistogramsAddUpLikeTheirValues() {
        Random random = new Random(7);
        DurationHistogram all = DurationHistogram.sparse();
        DurationHistogram merged = DurationHistogram.dense();
        java.io.ByteArrayOutputStream cells = new java.io.ByteArrayOutputStream();
        for (int part = 0; part < 20; part++) {
            DurationHistogram piece = DurationHistogram.sparse();
            for (int i = 0; i < 50; i++) {
                long seconds = (long) Math.exp(random.nextDouble() * 14);
                piece.recordSeconds(seconds);
                all.recordSeconds(seconds);
            }
            merged.addEncoded(piece.encode());
            cells.writeBytes(piece.encode());
        }
        assertEquals(1000, merged.count());
        DurationHistogram fromConcatenation = DurationHistogram.sparse();
        fromConcatenation.addEncoded(cells.toByteArray());
        assertEquals(1000, fromConcatenation.count(), "encodings concatenate, as string_agg does");
        for (double p : new double[] {1, 25, 50, 90, 99, 99.9, 100}) {
            assertEquals(all.percentile(p), merged.percentile(p), "p" + p);
            assertEquals(all.percentile(p), fromConcatenation.percentile(p), "p" + p);
        }
    }

    @Test
    void denseHistogramsAddUpLikeTheirValuesWhateverTheirSize() {
        Random random = new Random(11);
        DurationHistogram all = DurationHistogram.sparse();
        DurationHistogram total = DurationHistogram.dense();
        for (int part = 0; part < 12; part++) {
            // Parts of growing range, each asked for a percentile first (as a report's rows are) so it is dense when added.
            DurationHistogram cell = DurationHistogram.sparse();
            DurationHistogram row = DurationHistogram.dense();
            for (int i = 0; i < 40; i++) {
                long seconds = (long) Math.exp(random.nextDouble() * (2 + part));
                cell.recordSeconds(seconds);
                all.recordSeconds(seconds);
            }
            row.addEncoded(cell.encode());
            row.percentile(90);
            total.add(row);
        }
        DurationHistogram emptyRow = DurationHistogram.dense();
        emptyRow.percentile(50);
        total.add(emptyRow);
        assertEquals(480, total.count());
        for (double p : new double[] {1, 25, 50, 90, 99, 100}) {
            assertEquals(all.percentile(p), total.percentile(p), "p" + p);
        }
    }

    @Test
    void afterHoursIsOutsideStaffedDaysAndHoursInTheDesksZone() {
        BusinessHours hours = new BusinessHours(BERLIN, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0), LocalTime.of(17, 0));
        assertFalse(hours.isAfterHours(Instant.parse("2026-11-23T08:00:00Z")), "Monday 09:00 Berlin");
        assertTrue(hours.isAfterHours(Instant.parse("2026-11-23T07:59:59Z")), "Monday 08:59 Berlin");
        assertTrue(hours.isAfterHours(Instant.parse("2026-11-23T16:00:00Z")), "Monday 17:00 Berlin");
        assertTrue(hours.isAfterHours(Instant.parse("2026-11-22T12:00:00Z")), "Sunday");
        assertFalse(hours.isAfterHours(Instant.parse("2026-07-06T07:30:00Z")), "summer time: 09:30 Berlin");
        BusinessHours toMidnight = new BusinessHours(UTC, EnumSet.allOf(DayOfWeek.class), LocalTime.of(18, 0), LocalTime.MIDNIGHT);
        assertFalse(toMidnight.isAfterHours(Instant.parse("2026-11-22T23:59:00Z")));
        assertTrue(toMidnight.isAfterHours(Instant.parse("2026-11-22T17:59:00Z")));
        assertThrows(IllegalArgumentException.class,
                () -> new BusinessHours(UTC, EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(17, 0), LocalTime.of(9, 0)));
    }

    @Test
    void datesAreWholeDaysBothIncludedAndInstantsRoundOutToHours() {
        ReportQuery november = ReportQuery.parse("2026-11-01", "2026-11-30", null, BERLIN, TODAY, TODAY);
        assertEquals(Instant.parse("2026-10-31T23:00:00Z"), november.from());
        assertEquals(Instant.parse("2026-11-30T23:00:00Z"), november.to());
        assertTrue(november.wholeDays());

        ReportQuery hours = ReportQuery.parse("2026-11-02T08:30:00Z", "2026-11-02T10:15:00+00:00", "hour,priority", UTC, TODAY, TODAY);
        assertEquals(Instant.parse("2026-11-02T08:00:00Z"), hours.from());
        assertEquals(Instant.parse("2026-11-02T11:00:00Z"), hours.to());
        assertFalse(hours.wholeDays());
        assertEquals(List.of(GroupBy.HOUR, GroupBy.PRIORITY), hours.groupBy());

        ReportQuery defaults = ReportQuery.parse(null, null, "", UTC, TODAY, TODAY.minusDays(29));
        assertEquals(Instant.parse("2026-10-24T00:00:00Z"), defaults.from());
        assertEquals(Instant.parse("2026-11-23T00:00:00Z"), defaults.to());
    }

    @Test
    void badParametersNameThemselves() {
        assertEquals("groupBy", parameterOf(() -> ReportQuery.parse(null, null, "colour", UTC, TODAY, TODAY)));
        assertEquals("groupBy", parameterOf(() -> ReportQuery.parse(null, null, "day,month", UTC, TODAY, TODAY)));
        assertEquals("from", parameterOf(() -> ReportQuery.parse("yesterday", null, null, UTC, TODAY, TODAY)));
        assertEquals("to", parameterOf(() -> ReportQuery.parse(null, "2026-13-01", null, UTC, TODAY, TODAY)));
        assertEquals("from", parameterOf(() -> ReportQuery.parse("2026-11-10", "2026-11-01", null, UTC, TODAY, TODAY)));
        assertEquals("groupBy", parameterOf(() -> ReportQuery.parse("2026-01-01", "2026-11-01", "hour", UTC, TODAY, TODAY)));
    }

    @Test
    void longRangesReadWholeMonthsAndWeeksFromTheirRollups() {
        LocalDate from = LocalDate.of(2026, 1, 15);
        LocalDate to = LocalDate.of(2026, 5, 10);
        assertEquals(List.of(new Periods.Segment(Periods.Grain.DAY, from, LocalDate.of(2026, 2, 1)),
                new Periods.Segment(Periods.Grain.MONTH, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 5, 1)),
                new Periods.Segment(Periods.Grain.DAY, LocalDate.of(2026, 5, 1), to)), Periods.plan(from, to, null));
        assertEquals(List.of(new Periods.Segment(Periods.Grain.DAY, from, LocalDate.of(2026, 1, 19)),
                new Periods.Segment(Periods.Grain.WEEK, LocalDate.of(2026, 1, 19), LocalDate.of(2026, 5, 4)),
                new Periods.Segment(Periods.Grain.DAY, LocalDate.of(2026, 5, 4), to)), Periods.plan(from, to, GroupBy.WEEK));
        assertEquals(List.of(new Periods.Segment(Periods.Grain.DAY, from, to)), Periods.plan(from, to, GroupBy.DAY));
        assertEquals(List.of(new Periods.Segment(Periods.Grain.MONTH, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1))),
                Periods.plan(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), GroupBy.MONTH));
        assertEquals(List.of(new Periods.Segment(Periods.Grain.DAY, LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 20))),
                Periods.plan(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 20), null), "no whole month inside");
    }

    @Test
    void periodsLabelInTheReportingZone() {
        CohortRow row = new CohortRow(Instant.parse("2026-11-22T23:30:00Z"), new CellKey("P2", "EXECUTIVE", "PHONE", "vip-desk"), new CohortCounts());
        assertEquals("2026-11-23", GroupBy.DAY.label(row, BERLIN));
        assertEquals("2026-11-23", GroupBy.WEEK.label(row, BERLIN), "Monday 23 November starts the week");
        assertEquals("2026-11-16", GroupBy.WEEK.label(row, UTC));
        assertEquals("2026-11", GroupBy.MONTH.label(row, UTC));
        assertEquals("2026-11-23T00:00", GroupBy.HOUR.label(row, BERLIN));
        assertEquals("VIP", GroupBy.VIP.label(row, UTC));
        assertEquals("EXECUTIVE", GroupBy.TIER.label(row, UTC));
        assertEquals("non-VIP", GroupBy.VIP.label(new CohortRow(row.start(), new CellKey("P2", null, "WEB", null), new CohortCounts()), UTC));
    }

    @Test
    void complianceCountsMissedTargetsOnceAndLeavesRunningClocksOut() {
        Instant opened = Instant.parse("2026-11-02T10:00:00Z");
        CohortCounts counts = new CohortCounts();
        counts.add(fact(opened, "RESOLVED", true, false, null, true)); // met both
        counts.add(fact(opened, "IN_PROGRESS", false, true, false, null)); // breached, then stopped late: one miss
        counts.add(fact(opened, "OPEN", null, false, null, null)); // running: neither
        assertEquals(1, counts.get(Measure.RESPONSE_MET));
        assertEquals(1, counts.get(Measure.RESPONSE_BREACHED));
        assertEquals(1, counts.get(Measure.RESOLUTION_MET));
        assertEquals(0, counts.get(Measure.RESOLUTION_BREACHED));
        assertEquals(2, counts.get(Measure.OPEN_NOW));
        assertEquals(1, counts.get(Measure.BREACHED_OPEN_NOW));
        assertEquals(new BigDecimal("50.0"), Reports.compliance(counts, Measure.RESPONSE_MET, Measure.RESPONSE_BREACHED));
        assertNull(Reports.percent(0, 0));
    }

    @Test
    void backlogAgesCohortsAndVipImpactSetsTheTwoSideBySide() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        CohortCounts young = new CohortCounts();
        young.add(fact(Instant.parse("2026-11-22T10:00:00Z"), "OPEN", null, false, null, null));
        CohortCounts old = new CohortCounts();
        old.add(fact(Instant.parse("2026-11-10T10:00:00Z"), "OPEN", null, false, null, null));
        List<CohortRow> rows = List.of(
                new CohortRow(Instant.parse("2026-11-22T10:00:00Z"), new CellKey("P3", "", "WEB", "service-desk"), young),
                new CohortRow(Instant.parse("2026-11-10T10:00:00Z"), new CellKey("P3", "GOLD", "WEB", "vip-desk"), old));
        ReportQuery query = ReportQuery.parse("2026-11-01", "2026-11-22", null, UTC, TODAY, TODAY);
        ReportTable backlog = Reports.backlog(query, rows, now);
        assertEquals(List.of(List.of("0-1d", 1L, 0L, 0L), List.of("7-30d", 1L, 0L, 0L)), backlog.rows());

        VipPopulation population = new VipPopulation(List.of(
                new VipPopulation.Membership(Instant.parse("2026-01-01T00:00:00Z"), null, null, null),
                new VipPopulation.Membership(Instant.parse("2026-11-15T00:00:00Z"), null, null, Instant.parse("2026-11-21T00:00:00Z"))));
        ReportTable impact = Reports.vipImpact(ReportQuery.parse("2026-11-10", "2026-11-22", "week", UTC, TODAY, TODAY), rows, population, now);
        assertEquals(List.of("week", "vipOpened", "nonVipOpened", "vipSharePercent"), impact.columns().subList(0, 4));
        assertEquals("2026-11-09", impact.rows().get(0).get(0), "weeks are labelled by their Monday");
        assertEquals(1L, impact.rows().get(0).get(1));
        assertEquals(0L, impact.rows().get(0).get(2));
        assertEquals(2L, impact.rows().get(0).get(impact.columns().indexOf("vipPopulation")), "at the week's end (16 Nov) both are listed");
        assertEquals(1L, impact.rows().get(1).get(impact.columns().indexOf("vipPopulation")), "at 'now': the second was removed");
        assertEquals("groupBy", parameterOf(() -> Reports.vipImpact(
                ReportQuery.parse(null, null, "vip", UTC, TODAY, TODAY), rows, population, now)));
    }

    @Test
    void cellChangesAddUpToTheCellsOfTheFinalFacts() {
        Random random = new Random(11);
        Instant hour = Instant.parse("2026-11-20T09:00:00Z");
        HourCells applied = new HourCells();
        TicketFact[] now = new TicketFact[40];
        for (int step = 0; step < 400; step++) {
            // A consumer batch: a few tickets change, each taken out of its cell as it was and put in as it is.
            HourCells batch = new HourCells();
            for (int n = 0; n < 3; n++) {
                int ticket = random.nextInt(now.length);
                TicketFact next = randomFact(random, hour.plusSeconds(ticket * 200L));
                batch.change(now[ticket], next);
                now[ticket] = next;
            }
            batch.nonEmpty().forEach((h, cells) -> cells.forEach((key, counts) -> applied.add(h, key, counts)));
        }
        HourCells fromFacts = new HourCells();
        for (TicketFact fact : now) {
            fromFacts.add(fact);
        }
        assertEquals(cellsOf(fromFacts), cellsOf(applied));
        assertTrue(cellsOf(fromFacts).size() > 1, "tickets spread over several hours and cells");

        HourCells unchanged = new HourCells();
        unchanged.change(now[0], now[0]);
        assertTrue(unchanged.nonEmpty().values().stream().allMatch(java.util.Map::isEmpty), "a fact that did not change changes no cell");
        HourCells moved = new HourCells();
        TicketFact before = randomFact(random, hour);
        TicketFact after = new TicketFact(before.openedAt(), before.channel(), before.afterHours(), before.speedOfAnswer(), "P1",
                1, "major-incidents", before.vipTier(), before.claimRejected(), before.status(), before.firstResponseAt(),
                before.resolvedAt(), before.closedAt(), before.reopened(), before.responseWarned(), before.responseBreached(),
                before.responseStoppedAt(), before.responseWithin(), before.responseBusiness(), before.resolutionWarned(),
                before.resolutionBreached(), before.resolutionStoppedAt(), before.resolutionWithin(), before.resolutionBusiness(),
                before.warnings(), before.breaches(), before.escalations(), before.notificationsDelivered(), before.notificationsFailed());
        moved.change(before, after);
        java.util.Map<CellKey, CohortCounts> cells = moved.nonEmpty().get(hour);
        assertEquals(-1, cells.get(CellKey.of(before)).get(Measure.OPENED), "out of the old cell");
        assertEquals(1, cells.get(CellKey.of(after)).get(Measure.OPENED), "into the new one");
        assertEquals(1, cells.get(CellKey.of(after)).get(Measure.REPRIORITIZED));
    }

    /** Cells by hour, each as its counters and encoded histograms: equal when the rollup rows would be equal. */
    private static java.util.Map<Instant, java.util.Map<CellKey, String>> cellsOf(HourCells hours) {
        java.util.Map<Instant, java.util.Map<CellKey, String>> out = new java.util.TreeMap<>();
        hours.nonEmpty().forEach((hour, cells) -> {
            if (!cells.isEmpty()) {
                java.util.Map<CellKey, String> row = new java.util.HashMap<>();
                cells.forEach((key, counts) -> {
                    StringBuilder text = new StringBuilder();
                    for (Measure measure : Measure.values()) {
                        text.append(counts.get(measure)).append(',');
                    }
                    for (TimeMeasure measure : TimeMeasure.values()) {
                        text.append(java.util.Arrays.toString(counts.time(measure).encode()));
                    }
                    row.put(key, text.toString());
                });
                out.put(hour, row);
            }
        });
        return out;
    }

    /** A ticket in some state of its life; null opening time now and then (the opening not yet consumed). */
    private static TicketFact randomFact(Random random, Instant opened) {
        boolean known = random.nextInt(8) > 0;
        String priority = List.of("", "P1", "P3", "P5").get(random.nextInt(4));
        boolean responded = random.nextBoolean();
        boolean resolved = responded && random.nextBoolean();
        Instant respondedAt = responded ? opened.plusSeconds(60 + random.nextInt(4000)) : null;
        Instant resolvedAt = resolved ? respondedAt.plusSeconds(random.nextInt(90_000)) : null;
        Boolean responseWithin = responded ? random.nextBoolean() : null;
        return new TicketFact(known ? opened : null, random.nextBoolean() ? "PHONE" : "EMAIL", random.nextBoolean(),
                random.nextBoolean() ? Duration.ofSeconds(random.nextInt(120)) : null, priority, random.nextInt(2), "service-desk",
                random.nextInt(4) == 0 ? "GOLD" : null, random.nextInt(10) == 0, resolved ? "RESOLVED" : "OPEN",
                respondedAt, resolvedAt, null, random.nextInt(2), random.nextBoolean(), Boolean.FALSE.equals(responseWithin),
                respondedAt, responseWithin, responded ? Duration.ofSeconds(random.nextInt(3000)) : null, random.nextBoolean(),
                random.nextInt(5) == 0, resolvedAt, resolved ? random.nextBoolean() : null,
                resolved ? Duration.ofSeconds(random.nextInt(50_000)) : null, random.nextInt(3), random.nextInt(2), random.nextInt(2),
                random.nextInt(3), random.nextInt(2));
    }

    private static TicketFact fact(Instant opened, String status, Boolean responseWithin, boolean responseBreached,
                                   Boolean resolutionWithin, Boolean resolutionMet) {
        Instant responded = responseWithin == null ? null : opened.plusSeconds(600);
        Instant resolved = "RESOLVED".equals(status) ? opened.plusSeconds(3600) : null;
        return new TicketFact(opened, "WEB", false, null, "P3", 0, "service-desk", null, false, status,
                responded, resolved, null, 0, false, responseBreached, responded, responseWithin,
                responded == null ? null : Duration.ofSeconds(600), false, false,
                resolved, resolutionMet, resolved == null ? null : Duration.ofSeconds(3600), 0, responseBreached ? 1 : 0, 0, 0, 0);
    }

    private static String parameterOf(Runnable call) {
        return assertThrows(InvalidFieldException.class, call::run).field();
    }
}
