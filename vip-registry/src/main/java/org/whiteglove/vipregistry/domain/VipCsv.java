package org.whiteglove.vipregistry.domain;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CSV an HR system exports: a header row, then one VIP per row. Several emails or phones in one
 * cell are separated by ';'. Dates are ISO (2027-01-01, midnight UTC) or instants.
 *
 * <pre>employee_id,name,title,tier,emails,phones,valid_from,valid_until,delegate_name,delegate_emails,delegate_phones</pre>
 */
public final class VipCsv {

    public static final List<String> COLUMNS = List.of("employee_id", "name", "title", "tier", "emails", "phones",
            "valid_from", "valid_until", "delegate_name", "delegate_emails", "delegate_phones");
    private static final Set<String> REQUIRED = Set.of("employee_id", "name", "tier");
    private static final CsvMapper MAPPER = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES);

    private VipCsv() {
    }

    /** One data row: its line in the file, the VIP it describes, and what could not be read. */
    public record Row(int line, VipDraft draft, List<VipDraft.FieldError> errors) {
    }

    /** @throws IllegalArgumentException when the file itself is unreadable or lacks required columns */
    public static List<Row> parse(String csv) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = MAPPER.readerFor(Map.class).with(schema).readValues(csv)) {
            int line = 1;
            while (it.hasNextValue()) {
                Map<String, String> cells = it.nextValue();
                line++;
                if (line == 2) {
                    List<String> missing = REQUIRED.stream().filter(c -> !cells.containsKey(c)).sorted().toList();
                    if (!missing.isEmpty()) {
                        throw new IllegalArgumentException("the CSV lacks the columns " + missing + "; expected " + COLUMNS);
                    }
                }
                rows.add(row(line, cells));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("not a readable CSV file: " + e.getMessage(), e);
        }
        return rows;
    }

    private static Row row(int line, Map<String, String> cells) {
        List<VipDraft.FieldError> errors = new ArrayList<>();
        Instant from = date(cells.get("valid_from"), "valid_from", errors);
        Instant until = date(cells.get("valid_until"), "valid_until", errors);
        if (blank(cells.get("employee_id"))) {
            errors.add(new VipDraft.FieldError("employee_id", "is required"));
        }
        List<VipDraft.DelegateDraft> delegates = blank(cells.get("delegate_name")) ? List.of()
                : List.of(new VipDraft.DelegateDraft(null, cells.get("delegate_name"),
                        list(cells.get("delegate_emails")), list(cells.get("delegate_phones"))));
        VipDraft draft = new VipDraft(cells.get("employee_id"), cells.get("name"), cells.get("title"), cells.get("tier"),
                list(cells.get("emails")), list(cells.get("phones")), from, until, null, delegates);
        return new Row(line, draft, errors);
    }

    private static Instant date(String cell, String column, List<VipDraft.FieldError> errors) {
        if (blank(cell)) {
            return null;
        }
        try {
            return cell.length() == 10 ? LocalDate.parse(cell).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(cell);
        } catch (DateTimeParseException e) {
            errors.add(new VipDraft.FieldError(column, "is not a date (2027-01-01) or instant (2027-01-01T08:00:00Z)"));
            return null;
        }
    }

    private static List<String> list(String cell) {
        return blank(cell) ? List.of() : Arrays.stream(cell.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
