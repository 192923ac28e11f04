package org.whiteglove.reporting.domain;

import java.util.List;

/** A report as columns and rows, the same for JSON (one object per row) and CSV (one line per row). */
public record ReportTable(String report, List<String> columns, List<List<Object>> rows) {
}
