package org.whiteglove.prioritizer.domain;

import org.whiteglove.events.Impact;
import org.whiteglove.events.Priority;
import org.whiteglove.events.Urgency;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The ITIL impact × urgency matrix, versioned: every decision records the version it used.
 *
 * @param cells priority per impact, then per urgency; every one of the 16 cells is set
 */
public record PriorityMatrix(int version, Map<Impact, Map<Urgency, Priority>> cells) {

    public PriorityMatrix {
        List<String> missing = missingCells(cells);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("every impact × urgency cell needs a priority; missing " + missing);
        }
        Map<Impact, Map<Urgency, Priority>> copy = new EnumMap<>(Impact.class);
        cells.forEach((impact, row) -> copy.put(impact, new EnumMap<>(row)));
        cells = copy;
    }

    /** The default of DOMAIN.md. */
    public static PriorityMatrix standard() {
        Map<Impact, Map<Urgency, Priority>> cells = new EnumMap<>(Impact.class);
        cells.put(Impact.EXTENSIVE, row(Priority.P1, Priority.P1, Priority.P2, Priority.P3));
        cells.put(Impact.SIGNIFICANT, row(Priority.P1, Priority.P2, Priority.P3, Priority.P4));
        cells.put(Impact.MODERATE, row(Priority.P2, Priority.P3, Priority.P4, Priority.P5));
        cells.put(Impact.MINOR, row(Priority.P3, Priority.P4, Priority.P5, Priority.P5));
        return new PriorityMatrix(1, cells);
    }

    public Priority priorityOf(Impact impact, Urgency urgency) {
        return cells.get(impact).get(urgency);
    }

    public PriorityMatrix withVersion(int newVersion) {
        return new PriorityMatrix(newVersion, cells);
    }

    /** The cells a proposed matrix lacks, as "IMPACT×URGENCY". */
    public static List<String> missingCells(Map<Impact, Map<Urgency, Priority>> cells) {
        List<String> missing = new ArrayList<>();
        for (Impact impact : Impact.values()) {
            for (Urgency urgency : Urgency.values()) {
                Map<Urgency, Priority> row = cells == null ? null : cells.get(impact);
                if (row == null || row.get(urgency) == null) {
                    missing.add(impact + "×" + urgency);
                }
            }
        }
        return missing;
    }

    private static Map<Urgency, Priority> row(Priority critical, Priority high, Priority medium, Priority low) {
        Map<Urgency, Priority> row = new EnumMap<>(Urgency.class);
        row.put(Urgency.CRITICAL, critical);
        row.put(Urgency.HIGH, high);
        row.put(Urgency.MEDIUM, medium);
        row.put(Urgency.LOW, low);
        return row;
    }
}
