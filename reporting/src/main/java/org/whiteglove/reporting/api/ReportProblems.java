package org.whiteglove.reporting.api;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.whiteglove.reporting.domain.ReportParameterException;
import org.whiteglove.reporting.persistence.HistoryImport;
import org.whiteglove.runtime.problem.Problem;

import java.util.List;

/** Report parameters and history files the caller must fix → 400 problem+json naming what is wrong. */
public class ReportProblems {

    @ServerExceptionMapper
    public Response badParameter(ReportParameterException e) {
        return Problem.of(Response.Status.BAD_REQUEST, "invalid-parameter", e.getMessage(),
                List.of(new Problem.FieldError(e.parameter(), e.getMessage()))).toResponse();
    }

    @ServerExceptionMapper
    public Response badHistory(HistoryImport.InvalidHistoryException e) {
        return Problem.of(Response.Status.BAD_REQUEST, "invalid-history", e.getMessage(),
                List.of(new Problem.FieldError("body", e.getMessage()))).toResponse();
    }
}
