package org.whiteglove.reporting.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.whiteglove.events.Roles;
import org.whiteglove.reporting.config.ReportingConfig;
import org.whiteglove.reporting.domain.CohortRow;
import org.whiteglove.reporting.domain.ReportQuery;
import org.whiteglove.reporting.domain.Reports;
import org.whiteglove.reporting.domain.TimeMeasure;
import org.whiteglove.reporting.persistence.RollupStore;
import org.whiteglove.reporting.persistence.VipPopulationStore;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The manager reports. Every report covers the tickets opened in [from, to) and answers from the rollups.
 * {@code Accept: text/csv} gives the same columns as CSV.
 */
@Path("/api/reports")
@RolesAllowed(Roles.MANAGER)
@Produces({MediaType.APPLICATION_JSON, CsvReportWriter.TEXT_CSV})
public class ReportResource {

    private static final String FROM = "First day (yyyy-MM-dd, in the reporting time zone) or instant (ISO-8601 with offset); default 29 days before to";
    private static final String TO = "Last day, included (yyyy-MM-dd), or instant, excluded; default today";
    private static final String GROUP_BY = "Comma-separated: priority, vip, tier, channel, queue and at most one of hour, day, week, month";
    private static final Set<TimeMeasure> NO_TIMES = EnumSet.noneOf(TimeMeasure.class);
    /** vip-impact shows p90 calendar times only: the business-time histograms stay in the database. */
    private static final Set<TimeMeasure> CALENDAR_TIMES = EnumSet.of(TimeMeasure.RESPONSE_CALENDAR, TimeMeasure.RESOLUTION_CALENDAR);
    /** Backlog looks at every open ticket, however old, unless told otherwise. */
    private static final LocalDate BEGINNING = LocalDate.of(2000, 1, 1);

    private final RollupStore rollups;
    private final VipPopulationStore vips;
    private final Clock clock;
    private final ZoneId zone;

    public ReportResource(RollupStore rollups, VipPopulationStore vips, Clock clock, ReportingConfig config) {
        this.rollups = rollups;
        this.vips = vips;
        this.clock = clock;
        this.zone = config.timeZone();
    }

    @GET
    @Path("/sla-compliance")
    @Operation(summary = "Response and resolution targets met, % of the clocks that met or missed them")
    public ReportResponse slaCompliance(@QueryParam("from") @Parameter(description = FROM) String from,
                                        @QueryParam("to") @Parameter(description = TO) String to,
                                        @QueryParam("groupBy") @Parameter(description = GROUP_BY) String groupBy) {
        ReportQuery query = query(from, to, groupBy);
        return ReportResponse.of(query, Reports.slaCompliance(query, rows(query, NO_TIMES)));
    }

    @GET
    @Path("/volume")
    @Operation(summary = "Tickets opened, VIP, after hours, resolved, reopened, rejected VIP claims, speed of answer")
    public ReportResponse volume(@QueryParam("from") @Parameter(description = FROM) String from,
                                 @QueryParam("to") @Parameter(description = TO) String to,
                                 @QueryParam("groupBy") @Parameter(description = GROUP_BY) String groupBy) {
        ReportQuery query = query(from, to, groupBy);
        return ReportResponse.of(query, Reports.volume(query, rows(query, NO_TIMES)));
    }

    @GET
    @Path("/response-times")
    @Operation(summary = "p50/p90/p99 of time to first response and to resolution, in business and in calendar seconds")
    public ReportResponse responseTimes(@QueryParam("from") @Parameter(description = FROM) String from,
                                        @QueryParam("to") @Parameter(description = TO) String to,
                                        @QueryParam("groupBy") @Parameter(description = GROUP_BY) String groupBy) {
        ReportQuery query = query(from, to, groupBy);
        return ReportResponse.of(query, Reports.responseTimes(query, rows(query, EnumSet.allOf(TimeMeasure.class))));
    }

    @GET
    @Path("/backlog")
    @Operation(summary = "Open tickets now by age, with those at risk (warned) and breached; by default every open ticket")
    public ReportResponse backlog(@QueryParam("from") @Parameter(description = "First day or instant of opening; default all") String from,
                                  @QueryParam("to") @Parameter(description = TO) String to,
                                  @QueryParam("groupBy") @Parameter(description = "Comma-separated: priority, vip, tier, channel, queue") String groupBy) {
        ReportQuery query = ReportQuery.parse(from, to, groupBy, zone, today(), BEGINNING);
        Instant now = clock.instant();
        List<CohortRow> rows = new ArrayList<>();
        if (query.wholeDays()) {
            // Old cohorts from the day rollups; the last 30 days by the hour, so young tickets age by the hour.
            Instant hourly = today().minusDays(30).atStartOfDay(zone).toInstant();
            if (query.from().isBefore(hourly)) {
                rows.addAll(rollups.grouped(query, query.from(), min(query.to(), hourly), true, NO_TIMES, true, true));
            }
            if (query.to().isAfter(hourly)) {
                rows.addAll(rollups.grouped(query, max(query.from(), hourly), query.to(), false, NO_TIMES, true, true));
            }
        } else {
            rows.addAll(rollups.grouped(query, query.from(), query.to(), false, NO_TIMES, true, true));
        }
        return ReportResponse.of(query, Reports.backlog(query, rows, now));
    }

    @GET
    @Path("/vip-impact")
    @Operation(summary = "VIP and non-VIP side by side (per day unless grouped otherwise): volume and share, compliance, "
            + "p90 times, breaches, speed of answer, rejected VIP claims, VIP population")
    public ReportResponse vipImpact(@QueryParam("from") @Parameter(description = FROM) String from,
                                    @QueryParam("to") @Parameter(description = TO) String to,
                                    @QueryParam("groupBy") @Parameter(description = "Comma-separated: priority, channel, queue and at most one of hour, day, week, month; default day") String groupBy) {
        ReportQuery query = query(from, to, groupBy).byDayUnlessGrouped();
        return ReportResponse.of(query, Reports.vipImpact(query, rows(query, CALENDAR_TIMES), vips.load(), clock.instant()));
    }

    @GET
    @Path("/after-hours")
    @Operation(summary = "Tickets opened outside the desk's staffed hours, and their compliance against those opened in hours")
    public ReportResponse afterHours(@QueryParam("from") @Parameter(description = FROM) String from,
                                     @QueryParam("to") @Parameter(description = TO) String to,
                                     @QueryParam("groupBy") @Parameter(description = GROUP_BY) String groupBy) {
        ReportQuery query = query(from, to, groupBy);
        return ReportResponse.of(query, Reports.afterHours(query, rows(query, NO_TIMES)));
    }

    private ReportQuery query(String from, String to, String groupBy) {
        return ReportQuery.parse(from, to, groupBy, zone, today(), today().minusDays(ReportQuery.DEFAULT_DAYS - 1));
    }

    private List<CohortRow> rows(ReportQuery query, Set<TimeMeasure> times) {
        return rollups.grouped(query, query.from(), query.to(), query.wholeDays(), times, false, false);
    }

    private LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
