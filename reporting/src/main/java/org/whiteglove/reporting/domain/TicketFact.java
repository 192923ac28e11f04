package org.whiteglove.reporting.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * What the reporting store knows of one ticket, folded from every topic. Null means "not (yet) known".
 *
 * @param vipTier          null when the ticket got no VIP treatment
 * @param claimRejected    VIP service was claimed by someone not eligible
 * @param responseWithin   of the clock's stop (SlaMet); null while it runs
 * @param resolutionStoppedAt the latest stop of the resolution clock (a reopened ticket stops it again)
 */
public record TicketFact(
        Instant openedAt,
        String channel,
        boolean afterHours,
        Duration speedOfAnswer,
        String priority,
        int priorityChanges,
        String queue,
        String vipTier,
        boolean claimRejected,
        String status,
        Instant firstResponseAt,
        Instant resolvedAt,
        Instant closedAt,
        int reopened,
        boolean responseWarned,
        boolean responseBreached,
        Instant responseStoppedAt,
        Boolean responseWithin,
        Duration responseBusiness,
        boolean resolutionWarned,
        boolean resolutionBreached,
        Instant resolutionStoppedAt,
        Boolean resolutionWithin,
        Duration resolutionBusiness,
        int warnings,
        int breaches,
        int escalations,
        int notificationsDelivered,
        int notificationsFailed) {

    public boolean isOpen() {
        return !"RESOLVED".equals(status) && !"CLOSED".equals(status);
    }

    /** The response target was missed: a breach fired, or the clock stopped late. */
    public boolean responseMissed() {
        return responseBreached || Boolean.FALSE.equals(responseWithin);
    }

    public boolean responseMet() {
        return !responseMissed() && Boolean.TRUE.equals(responseWithin);
    }

    public boolean resolutionMissed() {
        return resolutionBreached || Boolean.FALSE.equals(resolutionWithin);
    }

    public boolean resolutionMet() {
        return !resolutionMissed() && Boolean.TRUE.equals(resolutionWithin);
    }

    /** Open, not breached, and a warning fired on a clock that still runs. */
    public boolean atRisk() {
        if (!isOpen() || responseMissed() || resolutionMissed()) {
            return false;
        }
        return (responseWarned && responseStoppedAt == null) || resolutionWarned;
    }

    public boolean breachedAndOpen() {
        return isOpen() && (responseMissed() || resolutionMissed());
    }

    /** Opened to first response, in calendar time. */
    public Duration responseCalendarTime() {
        return firstResponseAt == null ? null : Duration.between(openedAt, firstResponseAt);
    }

    /** Opened to the latest resolution, in calendar time; null unless resolved now. */
    public Duration resolutionCalendarTime() {
        return resolvedAt == null || isOpen() ? null : Duration.between(openedAt, resolvedAt);
    }
}
