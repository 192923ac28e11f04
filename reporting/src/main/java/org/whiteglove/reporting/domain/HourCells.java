package org.whiteglove.reporting.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rollup cells by opened hour. Filled from whole facts (an hour rolled up from scratch), or from fact changes: each
 * ticket as it was is taken out of its cell and put back as it is now, so the cells hold what the change does to
 * the hour rollups and stay a few rows however many tickets the hour has. Cells added up to nothing are dropped.
 */
public final class HourCells {

    private final Map<Instant, Map<CellKey, CohortCounts>> hours = new TreeMap<>();

    /** A ticket counted into its hour's cell; tickets whose opening is not known yet belong to no hour. */
    public void add(TicketFact fact) {
        if (fact != null && fact.openedAt() != null) {
            cell(hourOf(fact), CellKey.of(fact)).add(fact);
        }
    }

    /** A ticket that was {@code before} (null: not known) and is {@code after} now. */
    public void change(TicketFact before, TicketFact after) {
        if (before != null && before.openedAt() != null) {
            cell(hourOf(before), CellKey.of(before)).subtract(before);
        }
        add(after);
    }

    /** Counts (a stored cell, or a stored change) added to a cell of {@code hour}. */
    public void add(Instant hour, CellKey key, CohortCounts counts) {
        cell(hour, key).add(counts);
    }

    /** Makes {@code hour} part of the result even when none of its cells is left. */
    public void touch(Instant hour) {
        hours.computeIfAbsent(hour, h -> new HashMap<>());
    }

    public boolean contains(Instant hour) {
        return hours.containsKey(hour);
    }

    /** Every touched hour with its cells that still hold something, by hour. */
    public Map<Instant, Map<CellKey, CohortCounts>> nonEmpty() {
        Map<Instant, Map<CellKey, CohortCounts>> out = new TreeMap<>();
        hours.forEach((hour, cells) -> {
            Map<CellKey, CohortCounts> kept = new HashMap<>();
            cells.forEach((key, counts) -> {
                if (!counts.isEmpty()) {
                    kept.put(key, counts);
                }
            });
            out.put(hour, kept);
        });
        return out;
    }

    private CohortCounts cell(Instant hour, CellKey key) {
        return hours.computeIfAbsent(hour, h -> new HashMap<>()).computeIfAbsent(key, k -> new CohortCounts());
    }

    private static Instant hourOf(TicketFact fact) {
        return fact.openedAt().truncatedTo(ChronoUnit.HOURS);
    }
}
