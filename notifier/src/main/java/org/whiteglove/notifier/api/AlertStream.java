package org.whiteglove.notifier.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.whiteglove.events.Roles;
import org.whiteglove.notifier.persistence.StreamEventEntity;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live stream of alerts (server-sent events). Every alert is stored with an increasing id, which is
 * its SSE id: a client that reconnects with {@code Last-Event-ID} first gets everything after it from
 * the database, then the live alerts.
 */
@Path("/api/stream")
@ApplicationScoped
@Tag(name = "Live stream")
public class AlertStream {

    private record Listener(SseEventSink sink, Sse sse) {
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Roles.OPS)
    @Operation(summary = "Every alert as it happens; reconnect with Last-Event-ID to resume")
    @APIResponse(responseCode = "200", description = "Server-sent events, one per alert, until the client disconnects",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS))
    public void stream(@Context SseEventSink sink, @Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId) {
        long after = parse(lastEventId);
        Listener listener = new Listener(sink, sse);
        if (after >= 0) {
            for (StreamEventEntity missed : StreamEventEntity.<StreamEventEntity>list("id > ?1 order by id", after)) {
                send(listener, missed);
            }
        }
        listeners.add(listener);
    }

    /** Pushes alerts committed to the stream to every connected client. */
    public void publish(List<StreamEventEntity> alerts) {
        for (StreamEventEntity alert : alerts) {
            for (Listener l : listeners) {
                if (l.sink().isClosed() || !send(l, alert)) {
                    listeners.remove(l);
                }
            }
        }
    }

    private static boolean send(Listener l, StreamEventEntity e) {
        OutboundSseEvent event = l.sse().newEventBuilder()
                .id(String.valueOf(e.id))
                .name(e.alert.kind().name())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(e.alert)
                .build();
        try {
            l.sink().send(event);
            return true;
        } catch (RuntimeException closed) {
            return false;
        }
    }

    private static long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(lastEventId.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
