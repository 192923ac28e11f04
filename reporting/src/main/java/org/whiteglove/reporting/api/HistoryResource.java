package org.whiteglove.reporting.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.whiteglove.events.HistoryCsv;
import org.whiteglove.events.Roles;
import org.whiteglove.reporting.persistence.HistoryImport;
import org.whiteglove.reporting.persistence.RollupStore;

import java.io.InputStream;
import java.time.Instant;

/** History in bulk (a migration, or synthetic history for benchmarks) and how far the rollups have caught up. */
@Path("/api/history")
@RolesAllowed(Roles.MANAGER)
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    /** {@code oldestPendingHour}: null when every hour is rolled up. */
    public record Freshness(long pendingHours, Instant oldestPendingHour) {
    }

    private final HistoryImport history;
    private final RollupStore rollups;

    public HistoryResource(HistoryImport history, RollupStore rollups) {
        this.history = history;
        this.rollups = rollups;
    }

    @POST
    @Consumes(CsvReportWriter.TEXT_CSV)
    @Operation(summary = "Imports closed or open tickets as CSV (header: " + HistoryCsv.HEADER + "); known tickets are kept")
    public HistoryImport.Result importHistory(InputStream csv) {
        return history.importCsv(csv);
    }

    @GET
    @Path("/freshness")
    @Operation(summary = "Opened hours not yet rolled up (0: every report reflects every fact) and the oldest of them")
    public Freshness freshness() {
        RollupStore.Pending pending = rollups.pending();
        return new Freshness(pending.hours(), pending.oldestHour());
    }
}
