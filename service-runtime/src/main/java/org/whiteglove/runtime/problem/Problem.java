package org.whiteglove.runtime.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code errors} names each invalid field so a client can fix its input
 * without reading logs.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problems are documented under one base; the suffix is the problem kind, e.g. .../validation. */
    public static final String TYPE_BASE = "https://whiteglove.dev/problems/";

    public record FieldError(String field, String message) {
    }

    public static Problem of(Response.StatusType status, String kind, String detail, List<FieldError> errors) {
        return of(status.getStatusCode(), status.getReasonPhrase(), kind, detail, errors);
    }

    /** For statuses JAX-RS has no constant for, e.g. 422 Unprocessable Content. */
    public static Problem of(int status, String title, String kind, String detail, List<FieldError> errors) {
        return new Problem(URI.create(TYPE_BASE + kind), title, status, detail, null, errors);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
