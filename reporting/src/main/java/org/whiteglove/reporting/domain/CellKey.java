package org.whiteglove.reporting.domain;

/**
 * The dimensions of a rollup cell. An empty string stands for "none": a ticket not yet prioritized has
 * priority "", a ticket without VIP treatment has tier "".
 */
public record CellKey(String priority, String vipTier, String channel, String queue) {

    public CellKey {
        priority = orEmpty(priority);
        vipTier = orEmpty(vipTier);
        channel = orEmpty(channel);
        queue = orEmpty(queue);
    }

    public static CellKey of(TicketFact fact) {
        return new CellKey(fact.priority(), fact.vipTier(), fact.channel(), fact.queue());
    }

    /** This cell with only its VIP tier kept: the key of the {@code _tier} rollup tables. */
    public CellKey tierOnly() {
        return new CellKey("", vipTier, "", "");
    }

    public boolean isVip() {
        return !vipTier.isEmpty();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
