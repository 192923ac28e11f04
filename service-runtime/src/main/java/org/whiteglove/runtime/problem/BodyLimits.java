package org.whiteglove.runtime.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Optional;

/**
 * Body size limits per kind of body, answered as 413 problem+json: JSON requests are small, raw mail
 * may carry attachments. (The HTTP layer's own limit sits a little above the largest of these.)
 */
public class BodyLimits {

    private final long maxJsonBytes;
    private final long maxOtherBytes;

    public BodyLimits(@ConfigProperty(name = "whiteglove.limits.json-body", defaultValue = "1048576") long maxJsonBytes,
                      @ConfigProperty(name = "whiteglove.limits.other-body", defaultValue = "10485760") long maxOtherBytes) {
        this.maxJsonBytes = maxJsonBytes;
        this.maxOtherBytes = maxOtherBytes;
    }

    @ServerRequestFilter
    public Optional<Response> rejectOversizedBodies(ContainerRequestContext request) {
        long length = request.getLength();
        if (length < 0) {
            return Optional.empty();
        }
        MediaType type = request.getMediaType();
        boolean json = type != null && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
        long max = json ? maxJsonBytes : maxOtherBytes;
        if (length <= max) {
            return Optional.empty();
        }
        return Optional.of(tooLarge(request.getUriInfo().getPath(), length, max));
    }

    /** For bodies sent without a Content-Length: resources check what they read. */
    public static Response tooLarge(String path, long length, long max) {
        return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                "the body has " + length + " bytes; at most " + max + " are accepted here", List.of()).at(path).toResponse();
    }
}
