package org.whiteglove.reporting.domain;

import java.time.Instant;

/** One rollup row: the tickets opened in the period starting at {@code start} with the dimensions {@code key}. */
public record CohortRow(Instant start, CellKey key, CohortCounts counts) {
}
