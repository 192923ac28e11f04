package org.whiteglove.reporting.api;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/** A report as CSV (RFC 4180, with a header line): what a manager opens in a spreadsheet. */
@Provider
@Produces(CsvReportWriter.TEXT_CSV)
public class CsvReportWriter implements MessageBodyWriter<ReportResponse> {

    public static final String TEXT_CSV = "text/csv";
    // Quote only what needs quoting (by default Jackson quotes every long string, headers included).
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return ReportResponse.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(ReportResponse report, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        headers.putSingle("Content-Disposition", "attachment; filename=\"" + report.report() + ".csv\"");
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        report.columns().forEach(schema::addColumn);
        List<List<Object>> lines = new ArrayList<>();
        report.rows().forEach(row -> lines.add(new ArrayList<>(row.values())));
        CSV.writer(schema.build()).writeValues(out).writeAll(lines).close();
    }
}
