package org.whiteglove.reporting.domain;

import org.whiteglove.runtime.problem.InvalidFieldException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The manager reports, computed from rollup rows (never from ticket facts). Every report groups tickets by
 * the period they were opened in (a cohort): "of the tickets opened last week, how many met their response
 * target". Rates are null where nothing was measured rather than a misleading 0 or 100.
 */
public final class Reports {

    private static final List<Double> PERCENTILES = List.of(50.0, 90.0, 99.0);

    private Reports() {
    }

    public static ReportTable slaCompliance(ReportQuery query, List<CohortRow> rows) {
        return table("sla-compliance", query, rows, List.of("opened", "responseMet", "responseBreached", "responseCompliancePercent",
                "resolutionMet", "resolutionBreached", "resolutionCompliancePercent", "breaches", "escalations",
                "notificationsDelivered", "notificationsFailed"), totals -> {
            CohortCounts all = totals.all();
            return Arrays.asList(all.get(Measure.OPENED),
                    all.get(Measure.RESPONSE_MET), all.get(Measure.RESPONSE_BREACHED), compliance(all, Measure.RESPONSE_MET, Measure.RESPONSE_BREACHED),
                    all.get(Measure.RESOLUTION_MET), all.get(Measure.RESOLUTION_BREACHED), compliance(all, Measure.RESOLUTION_MET, Measure.RESOLUTION_BREACHED),
                    all.get(Measure.BREACHES), all.get(Measure.ESCALATIONS),
                    all.get(Measure.NOTIFICATIONS_DELIVERED), all.get(Measure.NOTIFICATIONS_FAILED));
        });
    }

    public static ReportTable volume(ReportQuery query, List<CohortRow> rows) {
        return table("volume", query, rows, List.of("opened", "vipOpened", "afterHours", "resolved", "closed", "reopened",
                "reprioritized", "claimsRejected", "answeredCalls", "averageSpeedOfAnswerSeconds"), totals -> {
            CohortCounts all = totals.all();
            return Arrays.asList(all.get(Measure.OPENED), totals.vip().get(Measure.OPENED), all.get(Measure.AFTER_HOURS),
                    all.get(Measure.RESOLVED), all.get(Measure.CLOSED), all.get(Measure.REOPENED), all.get(Measure.REPRIORITIZED),
                    all.get(Measure.CLAIMS_REJECTED), all.get(Measure.ANSWERED_CALLS), averageSpeedOfAnswer(all));
        });
    }

    public static ReportTable responseTimes(ReportQuery query, List<CohortRow> rows) {
        List<String> columns = new ArrayList<>(List.of("responses"));
        addPercentileColumns(columns, "responseBusiness");
        addPercentileColumns(columns, "responseCalendar");
        columns.add("resolutions");
        addPercentileColumns(columns, "resolutionBusiness");
        addPercentileColumns(columns, "resolutionCalendar");
        return table("response-times", query, rows, columns, totals -> {
            CohortCounts all = totals.all();
            List<Object> values = new ArrayList<>();
            values.add(all.time(TimeMeasure.RESPONSE_CALENDAR).count());
            addPercentiles(values, all.time(TimeMeasure.RESPONSE_BUSINESS));
            addPercentiles(values, all.time(TimeMeasure.RESPONSE_CALENDAR));
            values.add(all.time(TimeMeasure.RESOLUTION_CALENDAR).count());
            addPercentiles(values, all.time(TimeMeasure.RESOLUTION_BUSINESS));
            addPercentiles(values, all.time(TimeMeasure.RESOLUTION_CALENDAR));
            return values;
        });
    }

    public static ReportTable afterHours(ReportQuery query, List<CohortRow> rows) {
        return table("after-hours", query, rows, List.of("opened", "afterHours", "afterHoursPercent",
                "afterHoursResponseCompliancePercent", "inHoursResponseCompliancePercent",
                "afterHoursResolutionCompliancePercent", "inHoursResolutionCompliancePercent"), totals -> {
            CohortCounts all = totals.all();
            long opened = all.get(Measure.OPENED);
            long after = all.get(Measure.AFTER_HOURS);
            return Arrays.asList(opened, after, percent(after, opened),
                    percent(all.get(Measure.AFTER_HOURS_RESPONSE_MET),
                            all.get(Measure.AFTER_HOURS_RESPONSE_MET) + all.get(Measure.AFTER_HOURS_RESPONSE_BREACHED)),
                    percent(all.get(Measure.RESPONSE_MET) - all.get(Measure.AFTER_HOURS_RESPONSE_MET),
                            all.get(Measure.RESPONSE_MET) - all.get(Measure.AFTER_HOURS_RESPONSE_MET)
                                    + all.get(Measure.RESPONSE_BREACHED) - all.get(Measure.AFTER_HOURS_RESPONSE_BREACHED)),
                    percent(all.get(Measure.AFTER_HOURS_RESOLUTION_MET),
                            all.get(Measure.AFTER_HOURS_RESOLUTION_MET) + all.get(Measure.AFTER_HOURS_RESOLUTION_BREACHED)),
                    percent(all.get(Measure.RESOLUTION_MET) - all.get(Measure.AFTER_HOURS_RESOLUTION_MET),
                            all.get(Measure.RESOLUTION_MET) - all.get(Measure.AFTER_HOURS_RESOLUTION_MET)
                                    + all.get(Measure.RESOLUTION_BREACHED) - all.get(Measure.AFTER_HOURS_RESOLUTION_BREACHED)));
        });
    }

    /**
     * VIP and non-VIP side by side per group (by default per day): volume and share, compliance, p90 times,
     * breaches, average speed of answer, rejected VIP claims and the size of the VIP list at the period's end.
     */
    public static ReportTable vipImpact(ReportQuery query, List<CohortRow> rows, VipPopulation population, Instant now) {
        if (query.groupBy().contains(GroupBy.VIP) || query.groupBy().contains(GroupBy.TIER)) {
            throw new InvalidFieldException("groupBy", "vip-impact already sets VIP and non-VIP side by side; group it by priority, channel, queue or a period");
        }
        ReportQuery byPeriod = query.byDayUnlessGrouped();
        return table("vip-impact", byPeriod, rows, List.of("vipOpened", "nonVipOpened", "vipSharePercent",
                "vipResponseCompliancePercent", "nonVipResponseCompliancePercent",
                "vipResolutionCompliancePercent", "nonVipResolutionCompliancePercent",
                "vipResponseP90Seconds", "nonVipResponseP90Seconds", "vipResolutionP90Seconds", "nonVipResolutionP90Seconds",
                "vipBreaches", "nonVipBreaches", "claimsRejected",
                "vipAverageSpeedOfAnswerSeconds", "nonVipAverageSpeedOfAnswerSeconds", "vipPopulation"), totals -> {
            CohortCounts vip = totals.vip();
            CohortCounts other = totals.nonVip();
            Instant populationAt = earliest(totals.periodEnd() == null ? byPeriod.to() : totals.periodEnd(), byPeriod.to(), now);
            return Arrays.asList(vip.get(Measure.OPENED), other.get(Measure.OPENED),
                    percent(vip.get(Measure.OPENED), vip.get(Measure.OPENED) + other.get(Measure.OPENED)),
                    compliance(vip, Measure.RESPONSE_MET, Measure.RESPONSE_BREACHED),
                    compliance(other, Measure.RESPONSE_MET, Measure.RESPONSE_BREACHED),
                    compliance(vip, Measure.RESOLUTION_MET, Measure.RESOLUTION_BREACHED),
                    compliance(other, Measure.RESOLUTION_MET, Measure.RESOLUTION_BREACHED),
                    vip.time(TimeMeasure.RESPONSE_CALENDAR).percentile(90),
                    other.time(TimeMeasure.RESPONSE_CALENDAR).percentile(90),
                    vip.time(TimeMeasure.RESOLUTION_CALENDAR).percentile(90),
                    other.time(TimeMeasure.RESOLUTION_CALENDAR).percentile(90),
                    vip.get(Measure.BREACHES), other.get(Measure.BREACHES),
                    totals.all().get(Measure.CLAIMS_REJECTED),
                    averageSpeedOfAnswer(vip), averageSpeedOfAnswer(other),
                    population.sizeAt(populationAt));
        });
    }

    /** Open tickets now, by how long they have waited (from the start of the hour they were opened in). */
    public static ReportTable backlog(ReportQuery query, List<CohortRow> rows, Instant now) {
        if (query.groupsByPeriod()) {
            throw new InvalidFieldException("groupBy", "backlog is grouped by age; group it by priority, vip, tier, channel or queue");
        }
        List<String> columns = new ArrayList<>(List.of("age"));
        query.groupBy().forEach(g -> columns.add(g.parameterName()));
        columns.addAll(List.of("open", "atRisk", "breached"));
        Map<List<String>, CohortCounts> groups = new TreeMap<>(KEY_ORDER);
        for (CohortRow row : rows) {
            List<String> key = new ArrayList<>();
            key.add(String.valueOf(AgeBucket.of(Duration.between(row.start(), now)).ordinal()));
            query.groupBy().forEach(g -> key.add(g.label(row, query.zone())));
            groups.computeIfAbsent(key, k -> new CohortCounts(true)).add(row.counts());
        }
        List<List<Object>> out = new ArrayList<>();
        groups.forEach((key, counts) -> {
            if (counts.get(Measure.OPEN_NOW) == 0) {
                return;
            }
            List<Object> line = new ArrayList<>();
            line.add(AgeBucket.values()[Integer.parseInt(key.get(0))].label());
            line.addAll(key.subList(1, key.size()));
            line.add(counts.get(Measure.OPEN_NOW));
            line.add(counts.get(Measure.AT_RISK_NOW));
            line.add(counts.get(Measure.BREACHED_OPEN_NOW));
            out.add(line);
        });
        return new ReportTable("backlog", columns, out);
    }

    /**
     * VIP and non-VIP totals of one group, and the end of its period when grouped by one. Rows are taken over,
     * not copied (a report's rows are read once): a group is usually one row per side.
     */
    public static final class Totals {
        private final Instant periodEnd;
        private CohortCounts vip;
        private CohortCounts nonVip;
        private CohortCounts all;

        Totals(Instant periodEnd) {
            this.periodEnd = periodEnd;
        }

        void add(CohortRow row) {
            if (row.key().isVip()) {
                vip = sum(vip, row.counts());
            } else {
                nonVip = sum(nonVip, row.counts());
            }
            all = null;
        }

        public CohortCounts vip() {
            return vip == null ? new CohortCounts(true) : vip;
        }

        public CohortCounts nonVip() {
            return nonVip == null ? new CohortCounts(true) : nonVip;
        }

        public CohortCounts all() {
            if (vip == null || nonVip == null) {
                return vip == null ? nonVip() : vip;
            }
            if (all == null) {
                all = new CohortCounts(true);
                all.add(vip);
                all.add(nonVip);
            }
            return all;
        }

        public Instant periodEnd() {
            return periodEnd;
        }

        private static CohortCounts sum(CohortCounts into, CohortCounts counts) {
            if (into == null) {
                return counts;
            }
            into.add(counts);
            return into;
        }
    }

    private static final Comparator<List<String>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private static ReportTable table(String name, ReportQuery query, List<CohortRow> rows, List<String> measures,
                                     Function<Totals, List<Object>> values) {
        List<String> columns = new ArrayList<>();
        query.groupBy().forEach(g -> columns.add(g.parameterName()));
        columns.addAll(measures);
        GroupBy period = query.groupBy().stream().filter(GroupBy::isPeriod).findFirst().orElse(null);
        Map<List<String>, Totals> groups = new TreeMap<>(KEY_ORDER);
        for (CohortRow row : rows) {
            List<String> key = query.groupBy().stream().map(g -> g.label(row, query.zone())).toList();
            groups.computeIfAbsent(key, k -> new Totals(period == null ? null : period.periodEnd(row, query.zone()).toInstant()))
                    .add(row);
        }
        if (groups.isEmpty() && query.groupBy().isEmpty()) {
            groups.put(List.of(), new Totals(null));
        }
        List<List<Object>> out = new ArrayList<>();
        groups.forEach((key, totals) -> {
            List<Object> line = new ArrayList<>(key);
            line.addAll(values.apply(totals));
            out.add(line);
        });
        return new ReportTable(name, columns, out);
    }

    private static void addPercentileColumns(List<String> columns, String prefix) {
        for (double p : PERCENTILES) {
            columns.add(prefix + "P" + (int) p + "Seconds");
        }
    }

    private static void addPercentiles(List<Object> values, DurationHistogram histogram) {
        for (double p : PERCENTILES) {
            values.add(histogram.percentile(p));
        }
    }

    static BigDecimal compliance(CohortCounts counts, Measure met, Measure breached) {
        return percent(counts.get(met), counts.get(met) + counts.get(breached));
    }

    static BigDecimal percent(long part, long whole) {
        if (whole <= 0) {
            return null;
        }
        return BigDecimal.valueOf(part * 100.0 / whole).setScale(1, RoundingMode.HALF_UP);
    }

    private static BigDecimal averageSpeedOfAnswer(CohortCounts counts) {
        long calls = counts.get(Measure.ANSWERED_CALLS);
        if (calls == 0) {
            return null;
        }
        return BigDecimal.valueOf(counts.get(Measure.SPEED_OF_ANSWER_MS) / 1000.0 / calls).setScale(1, RoundingMode.HALF_UP);
    }

    private static Instant earliest(Instant a, Instant b, Instant c) {
        Instant min = a.isBefore(b) ? a : b;
        return min.isBefore(c) ? min : c;
    }
}
