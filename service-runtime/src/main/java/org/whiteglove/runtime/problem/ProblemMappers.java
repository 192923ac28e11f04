package org.whiteglove.runtime.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns every error a client can meet into problem+json, and keeps stack traces out of answers.
 * Needs {@code quarkus.http.auth.proactive=false} so that authentication failures reach these mappers.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final Set<String> BODY_PARAMETERS = Set.of("request", "body");

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return Problem.of(Response.Status.BAD_REQUEST, "validation", "invalid fields: " + fields, errors)
                .at(uri.getPath()).toResponse();
    }

    /** Quarkus maps this subtype itself (with an empty body); ours must be at least as specific. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        if (e.getCause() instanceof InvalidFieldException invalid) {
            // A value object refused itself while being read (e.g. a calendar without working time).
            return invalidField(invalid, uri);
        }
        List<Problem.FieldError> errors = List.of();
        String detail = "the body is not valid JSON";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            String message;
            if (e instanceof UnrecognizedPropertyException unknown) {
                message = "is not a field of this request; its fields are " + unknown.getKnownPropertyIds();
            } else if (e instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
                message = "must be one of " + Arrays.toString(invalid.getTargetType().getEnumConstants());
            } else {
                message = "has the wrong type or format";
            }
            errors = List.of(new Problem.FieldError(field, message));
            detail = "invalid field: " + field;
        }
        return Problem.of(Response.Status.BAD_REQUEST, "malformed-body", detail, errors).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e, UriInfo uri) {
        return Problem.of(Response.Status.BAD_REQUEST, "validation", "invalid field: " + e.field(),
                List.of(new Problem.FieldError(e.field(), e.getMessage()))).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class, AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Problem.of(Response.Status.UNAUTHORIZED, "unauthenticated",
                        "a valid bearer token or API key is required", List.of())
                .at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(Response.Status.FORBIDDEN, "forbidden", "your role does not allow this", List.of())
                .at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            // The JSON reader wraps some errors (e.g. a value object refusing itself) before they reach us.
            return unreadableJson(unreadable, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            LOG.error("request failed", e);
            return Problem.of(status, "server-error", "the request could not be completed", List.of()).at(uri.getPath()).toResponse();
        }
        String kind = status.getReasonPhrase().toLowerCase().replace(' ', '-');
        return Problem.of(status, kind, e.getMessage(), List.of()).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.error("unexpected error", e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "server-error",
                "the request could not be completed; it was logged", List.of()).at(uri.getPath()).toResponse();
    }

    /**
     * "create.request.items[0].name" → "items[0].name": clients know body fields and query parameters,
     * not Java methods. By convention a resource names its body parameter {@code request} or {@code body}.
     */
    static String fieldName(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {
                }
                case PARAMETER -> {
                    if (!BODY_PARAMETERS.contains(node.getName())) {
                        parts.add(node.getName());
                    }
                }
                default -> {
                    if (node.isInIterable() && node.getIndex() != null && !parts.isEmpty()) {
                        parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + node.getIndex() + "]");
                    }
                    if (node.getName() != null && !node.getName().startsWith("<")) {
                        parts.add(node.getName());
                    }
                }
            }
        }
        return parts.isEmpty() ? "body" : String.join(".", parts);
    }
}
