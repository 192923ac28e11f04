package org.whiteglove.intake.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.whiteglove.intake.domain.IllegalTransitionException;
import org.whiteglove.intake.domain.MalformedEmailException;
import org.whiteglove.intake.persistence.IntakeBusyException;
import org.whiteglove.runtime.problem.Problem;

import java.util.List;

/** Intake's own problems, in the platform's problem+json. */
public class IntakeProblems {

    @ServerExceptionMapper
    public Response illegalTransition(IllegalTransitionException e, UriInfo uri) {
        return Problem.of(Response.Status.CONFLICT, "illegal-transition", e.getMessage(),
                List.of(new Problem.FieldError("status", "allowed next: " + e.allowed()))).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response busy(IntakeBusyException e, UriInfo uri) {
        Response problem = Problem.of(Response.Status.SERVICE_UNAVAILABLE, "intake-busy", e.getMessage(), List.of())
                .at(uri.getPath()).toResponse();
        return Response.fromResponse(problem).header("Retry-After", "1").build();
    }

    @ServerExceptionMapper
    public Response malformedEmail(MalformedEmailException e, UriInfo uri) {
        return Problem.of(Response.Status.BAD_REQUEST, "malformed-email", e.getMessage(), List.of())
                .at(uri.getPath()).toResponse();
    }
}
