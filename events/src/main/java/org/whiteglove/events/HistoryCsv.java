package org.whiteglove.events;

/**
 * The columns of reporting's history import ({@code POST /api/history}, CSV), in this order: shared here with
 * the tools that write such files (the bench's five-million-ticket history), like {@link Roles} for tokens.
 */
public final class HistoryCsv {

    /** Times are ISO instants; empty means unknown. */
    public static final String HEADER = "ticket_id,opened_at,channel,priority,queue,vip_tier,vip_match,status,"
            + "first_response_at,resolved_at,closed_at,response_within,response_business_ms,response_breached,"
            + "resolution_within,resolution_business_ms,resolution_breached,speed_of_answer_ms,escalations";

    private HistoryCsv() {
    }
}
