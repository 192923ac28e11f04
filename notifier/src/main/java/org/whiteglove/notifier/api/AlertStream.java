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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live stream of alerts (server-sent events). Every alert is stored with an increasing id, which is
 * its SSE id: a client that reconnects with {@code Last-Event-ID} first gets everything after it from
 * the database, then the live alerts. The history is kept for {@code whiteglove.notifier.stream.retention}
 * ({@code StreamHistory}).
 */
@Path("/api/stream")
@ApplicationScoped
@Tag(name = "Live stream")
public class AlertStream {

    private record Listener(SseEventSink sink, Sse sse) {
    }

    private static final int REPLAY_PAGE = 500;

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
        // Page by page: a client back after an alert storm must not pull the whole backlog into memory at once.
        for (List<StreamEventEntity> page = after < 0 ? List.of() : missedAfter(after); !page.isEmpty(); page = missedAfter(after)) {
            CompletionStage<?> written = null;
            for (StreamEventEntity missed : page) {
                written = send(listener, missed);
                if (written == null) {
                    return; // gone while catching up
                }
                after = missed.id;
            }
            try {
                written.toCompletableFuture().join(); // and a page at a time on the wire: a slow client is not buffered whole
            } catch (RuntimeException gone) {
                return;
            }
        }
        listeners.add(listener);
    }

    private static List<StreamEventEntity> missedAfter(long id) {
        StreamEventEntity.getEntityManager().clear(); // the pages already sent need not stay in the session
        return StreamEventEntity.<StreamEventEntity>find("id > ?1 order by id", id).range(0, REPLAY_PAGE - 1).list();
    }

    /** Pushes alerts committed to the stream to every connected client. */
    public void publish(List<StreamEventEntity> alerts) {
        for (StreamEventEntity alert : alerts) {
            for (Listener l : listeners) {
                if (l.sink().isClosed() || send(l, alert) == null) {
                    listeners.remove(l);
                }
            }
        }
    }

    /** The send in progress, or null when the client is gone. */
    private static CompletionStage<?> send(Listener l, StreamEventEntity e) {
        OutboundSseEvent event = l.sse().newEventBuilder()
                .id(String.valueOf(e.id))
                .name(e.alert.kind().name())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(e.alert)
                .build();
        try {
            return l.sink().send(event);
        } catch (RuntimeException closed) {
            return null;
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
