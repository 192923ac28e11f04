package org.whiteglove.reporting.api;

import org.whiteglove.reporting.domain.ReportQuery;
import org.whiteglove.reporting.domain.ReportTable;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A report as the API answers it: the period actually covered ({@code to} excluded), the grouping, the
 * columns in order and one object per row. CSV is the same columns and rows.
 */
public record ReportResponse(String report, Instant from, Instant to, List<String> groupBy, List<String> columns,
                             List<Map<String, Object>> rows) {

    static ReportResponse of(ReportQuery query, ReportTable table) {
        List<Map<String, Object>> rows = table.rows().stream().map(values -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < table.columns().size(); i++) {
                row.put(table.columns().get(i), values.get(i));
            }
            return row;
        }).toList();
        return new ReportResponse(table.report(), query.from(), query.to(),
                query.groupBy().stream().map(g -> g.parameterName()).toList(), table.columns(), rows);
    }
}
