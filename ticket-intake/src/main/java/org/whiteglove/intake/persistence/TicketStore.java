package org.whiteglove.intake.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.whiteglove.events.ContactKey;
import org.whiteglove.events.EventJson;
import org.whiteglove.events.TicketEvent;
import org.whiteglove.events.TicketOpened;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.TicketStatusChanged;
import org.whiteglove.events.TicketUpdated;
import org.whiteglove.events.TimeOrderedIds;
import org.whiteglove.intake.config.IntakeConfig;
import org.whiteglove.intake.domain.NewTicket;
import org.whiteglove.intake.domain.TicketLifecycle;
import org.whiteglove.intake.domain.TicketNumber;
import org.whiteglove.intake.domain.TicketPatch;
import org.whiteglove.runtime.outbox.Outbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes tickets: every change and the events describing it commit together (the outbox), and each
 * intake key maps to exactly one ticket however often or concurrently it arrives.
 */
@ApplicationScoped
public class TicketStore {

    /** Kinds of {@code intake_key}. */
    public enum KeyKind { IDEMPOTENCY_KEY, MESSAGE_ID, CALL_ID }

    /** An intake key: what makes a repeated submission the same ticket. */
    public record IntakeKey(KeyKind kind, String key, String requestHash) {
    }

    /**
     * The outcome of opening a ticket.
     *
     * @param replayed      the key was known: {@code ticket} is the earlier ticket and nothing was written
     * @param sameRequest   for a replay, whether the request matched the first one (idempotency keys only)
     */
    public record Opened(TicketEntity ticket, boolean replayed, boolean sameRequest) {
    }

    private static final Duration MIN_KEY_RETENTION = Duration.ofHours(24);

    private final EntityManager em;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final IntakeConfig config;
    private final String contactKeySalt;

    public TicketStore(EntityManager em, Outbox outbox, ObjectMapper json, IntakeConfig config,
                       @ConfigProperty(name = "whiteglove.contact-key-salt") String contactKeySalt) {
        this.em = em;
        this.outbox = outbox;
        this.json = json;
        this.config = config;
        this.contactKeySalt = contactKeySalt;
    }

    @Transactional
    public Opened open(NewTicket request, IntakeKey key, String actor) {
        return openAll(List.of(new OpenRequest(request, key, actor))).get(0);
    }

    /** One of many tickets opened together by {@link #openAll}. */
    public record OpenRequest(NewTicket ticket, IntakeKey key, String actor) {
    }

    /**
     * Opens many tickets in one transaction: one commit and a handful of statements for all of them, which is
     * what lets concurrent submissions share the cost. Each answer is the one {@link #open} would have given
     * that request alone, in list order; a key given twice in the list opens one ticket, the later one replays it.
     */
    @Transactional
    public List<Opened> openAll(List<OpenRequest> requests) {
        Instant now = Instant.now();
        List<UUID> ids = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            ids.add(TimeOrderedIds.next()); // tickets are keys everywhere: see TimeOrderedIds
        }
        Set<UUID> claimed = claimAll(requests.stream().map(OpenRequest::key).toList(), ids, now);
        int fresh = (int) requests.stream().filter(r -> r.key() == null).count() + claimed.size();
        Iterator<String> numbers = nextNumbers(fresh).iterator();
        List<Opened> answers = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            OpenRequest r = requests.get(i);
            answers.add(r.key() == null || claimed.contains(ids.get(i))
                    ? opened(ids.get(i), numbers.next(), r.ticket(), r.actor(), now) : null);
        }
        for (int i = 0; i < requests.size(); i++) {
            if (answers.get(i) == null) {
                answers.set(i, replay(requests.get(i).key())); // after the loop above: its ticket may be one of this batch
            }
        }
        return answers;
    }

    private Opened opened(UUID id, String number, NewTicket request, String actor, Instant now) {
        TicketEntity t = new TicketEntity();
        t.id = id;
        t.number = number;
        t.channel = request.channel();
        t.status = TicketStatus.OPEN;
        t.subject = request.subject();
        t.description = request.description();
        t.category = request.category();
        t.affectedService = request.affectedService();
        t.impact = request.impact();
        t.urgency = request.urgency();
        set(t, request.requester(), request.submitter());
        t.vipClaimed = request.vipClaimed();
        t.sourceRef = request.sourceRef();
        t.speedOfAnswerMillis = request.speedOfAnswer() == null ? null : request.speedOfAnswer().toMillis();
        t.attachments = new ArrayList<>(request.attachments() == null ? List.of() : request.attachments());
        t.openedAt = request.openedAt() == null ? now : request.openedAt();
        t.updatedAt = now;
        t.persist();
        publish(t, actor, new TicketOpened(t.id.toString(), t.number, t.channel, t.subject, t.category, t.affectedService,
                t.impact, t.urgency, contactKeys(request.requester()), contactKeys(request.submitter()), t.vipClaimed,
                t.sourceRef, request.speedOfAnswer(), t.openedAt));
        return new Opened(t, false, true);
    }

    /** Applies a merge patch; emits TicketUpdated for field changes and one TicketStatusChanged per step. */
    @Transactional
    public TicketEntity update(UUID id, TicketPatch patch, String actor) {
        TicketEntity t = lock(id);
        Instant now = Instant.now();
        Set<TicketUpdated.Field> changed = EnumSet.noneOf(TicketUpdated.Field.class);
        if (patch.impact() != null && patch.impact() != t.impact) {
            t.impact = patch.impact();
            changed.add(TicketUpdated.Field.IMPACT);
        }
        if (patch.urgency() != null && patch.urgency() != t.urgency) {
            t.urgency = patch.urgency();
            changed.add(TicketUpdated.Field.URGENCY);
        }
        if (patch.assignee() != null && !Objects.equals(patch.assignee().orElse(null), t.assignee)) {
            t.assignee = patch.assignee().orElse(null);
            changed.add(TicketUpdated.Field.ASSIGNEE);
        }
        if (patch.category() != null && !Objects.equals(patch.category().orElse(null), t.category)) {
            t.category = patch.category().orElse(null);
            changed.add(TicketUpdated.Field.CATEGORY);
        }
        TicketStatus wanted = patch.status();
        if (wanted == null && changed.contains(TicketUpdated.Field.ASSIGNEE) && t.assignee != null
                && TicketLifecycle.assigningMovesToAssigned(t.status)) {
            wanted = TicketStatus.ASSIGNED; // giving an open ticket its owner is assigning it
        }
        // Plan before writing anything: an illegal transition rejects the whole patch.
        List<TicketLifecycle.Step> steps = wanted == null ? List.of()
                : TicketLifecycle.plan(t.status, t.firstRespondedAt != null, wanted);
        if (!changed.isEmpty()) {
            t.updatedAt = now;
            publish(t, actor, new TicketUpdated(t.id.toString(), t.impact, t.urgency, t.assignee, t.category, changed, actor, now));
        }
        move(t, steps, actor, now);
        return t;
    }

    /**
     * A customer's mail to an existing ticket: kept in the history; a ticket waiting on the customer goes
     * back to work and a resolved one reopens. Empty when this mail was already taken (a duplicate).
     */
    @Transactional
    public Optional<TicketEntity> customerReply(UUID ticketId, String messageId, String from, String text, Object attachments) {
        Instant now = Instant.now();
        if (claimAll(List.of(new IntakeKey(KeyKind.MESSAGE_ID, messageId, null)), List.of(ticketId), now).isEmpty()) {
            return Optional.empty();
        }
        TicketEntity t = lock(ticketId);
        note(t.id, "from:" + from, "CUSTOMER_REPLY", Map.of("messageId", messageId, "text", text, "attachments", attachments));
        TicketStatus next = TicketLifecycle.afterCustomerReply(t.status);
        if (next != t.status) {
            move(t, List.of(new TicketLifecycle.Step(t.status, next)), "customer", now);
        }
        t.updatedAt = now;
        return Optional.of(t);
    }

    /** The ticket an intake key belongs to, if any. */
    public Optional<UUID> ticketFor(KeyKind kind, String key) {
        return em.createNativeQuery("SELECT ticket_id FROM intake_key WHERE kind = ?1 AND key = ?2") // no result class: see nextNumbers
                .setParameter(1, kind.name()).setParameter(2, key)
                .getResultStream().map(UUID.class::cast).findFirst();
    }

    public Optional<TicketEntity> findByNumber(String number) {
        return TicketEntity.find("number", number).firstResultOptional();
    }

    public Optional<TicketEntity> find(UUID id) {
        return TicketEntity.findByIdOptional(id);
    }

    public List<TicketHistoryEntity> history(UUID id) {
        return TicketHistoryEntity.list("ticketId = ?1 order by id", id);
    }

    /** Idempotency keys are kept for the configured retention, and never less than a day, then forgotten. */
    @Scheduled(every = "1h", delayed = "1m")
    @Transactional
    void forgetOldIdempotencyKeys() {
        Duration keep = config.idempotencyRetention().compareTo(MIN_KEY_RETENTION) < 0 ? MIN_KEY_RETENTION : config.idempotencyRetention();
        em.createNativeQuery("DELETE FROM intake_key WHERE kind = 'IDEMPOTENCY_KEY' AND created_at < ?1")
                .setParameter(1, Instant.now().minus(keep))
                .executeUpdate();
    }

    /**
     * Inserts the keys (null: none) for the tickets at the same positions in one statement and returns the ticket
     * ids that got theirs; an existing key is kept, after waiting for a concurrent holder to commit or abort. Keys go
     * in sorted order, so two transactions sharing keys wait for each other instead of deadlocking.
     */
    private Set<UUID> claimAll(List<IntakeKey> keysOrNull, List<UUID> ids, Instant now) {
        List<Integer> keyed = new ArrayList<>();
        for (int i = 0; i < keysOrNull.size(); i++) {
            if (keysOrNull.get(i) != null) {
                keyed.add(i);
            }
        }
        if (keyed.isEmpty()) {
            return Set.of();
        }
        keyed.sort(Comparator.comparing((Integer i) -> keysOrNull.get(i).kind())
                .thenComparing(i -> keysOrNull.get(i).key()).thenComparing(Comparator.naturalOrder()));
        String[] kinds = new String[keyed.size()];
        String[] keys = new String[keyed.size()];
        String[] hashes = new String[keyed.size()];
        UUID[] tickets = new UUID[keyed.size()];
        for (int j = 0; j < keyed.size(); j++) {
            IntakeKey key = keysOrNull.get(keyed.get(j));
            kinds[j] = key.kind().name();
            keys[j] = key.key();
            hashes[j] = key.requestHash();
            tickets[j] = ids.get(keyed.get(j));
        }
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO intake_key (kind, key, request_hash, ticket_id, created_at)"
                    + " SELECT k.kind, k.key, k.hash, k.ticket, ? FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::uuid[])"
                    + " WITH ORDINALITY AS k(kind, key, hash, ticket, n) ORDER BY k.n ON CONFLICT DO NOTHING RETURNING ticket_id")) {
                insert.setTimestamp(1, Timestamp.from(now));
                insert.setArray(2, c.createArrayOf("varchar", kinds));
                insert.setArray(3, c.createArrayOf("varchar", keys));
                insert.setArray(4, c.createArrayOf("varchar", hashes));
                insert.setArray(5, c.createArrayOf("uuid", tickets));
                Set<UUID> got = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        got.add(rows.getObject(1, UUID.class));
                    }
                }
                return got;
            }
        });
    }

    /** The next {@code count} ticket numbers, in one round trip. */
    private List<String> nextNumbers(int count) {
        if (count == 0) {
            return List.of();
        }
        // No result class: Hibernate 7.4 caches a native query with a basic result class under a new key at every
        // call (its implicit result builder has no equals), so its interpretation cache filled up with 2,048 copies
        // of this query and each call compared its key with all of them (15 % of this service's CPU under load).
        return em.createNativeQuery("SELECT nextval('ticket_number_seq') FROM generate_series(1, ?1)")
                .setParameter(1, count).getResultStream()
                .map(n -> TicketNumber.format(((Number) n).longValue())).toList();
    }

    private Opened replay(IntakeKey key) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT ticket_id, request_hash FROM intake_key WHERE kind = ?1 AND key = ?2")
                .setParameter(1, key.kind().name()).setParameter(2, key.key())
                .getSingleResult();
        TicketEntity existing = TicketEntity.findById(row[0]);
        return new Opened(existing, true, key.requestHash() == null || key.requestHash().equals(row[1]));
    }

    private TicketEntity lock(UUID id) {
        TicketEntity t = TicketEntity.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (t == null) {
            throw new NotFoundException("no ticket " + id);
        }
        return t;
    }

    private void move(TicketEntity t, List<TicketLifecycle.Step> steps, String actor, Instant now) {
        for (TicketLifecycle.Step step : steps) {
            if (step.to() == TicketStatus.RESPONDED) {
                t.firstRespondedAt = now;
            } else {
                t.status = step.to();
                if (step.to() == TicketStatus.RESOLVED) {
                    t.resolvedAt = now;
                } else if (step.to() == TicketStatus.CLOSED) {
                    t.closedAt = now;
                } else if (step.to() == TicketStatus.REOPENED) {
                    t.resolvedAt = null;
                }
            }
            t.updatedAt = now;
            publish(t, actor, new TicketStatusChanged(t.id.toString(), step.from(), step.to(), actor, now));
        }
    }

    private void publish(TicketEntity t, String actor, TicketEvent event) {
        var headers = outbox.publish(event);
        TicketHistoryEntity h = new TicketHistoryEntity();
        h.ticketId = t.id;
        h.at = headers.time();
        h.actor = actor;
        h.kind = event.getClass().getSimpleName();
        h.eventId = UUID.fromString(headers.id());
        h.detail = EventJson.toJson(event);
        h.persist();
    }

    private void note(UUID ticketId, String actor, String kind, Map<String, Object> detail) {
        TicketHistoryEntity h = new TicketHistoryEntity();
        h.ticketId = ticketId;
        h.at = Instant.now();
        h.actor = actor;
        h.kind = kind;
        try {
            h.detail = json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        h.persist();
    }

    private void set(TicketEntity t, NewTicket.Party requester, NewTicket.Party submitter) {
        t.requesterName = requester.name();
        t.requesterEmail = requester.email();
        t.requesterPhone = requester.phone();
        if (submitter != null) {
            t.submitterName = submitter.name();
            t.submitterEmail = submitter.email();
            t.submitterPhone = submitter.phone();
        }
    }

    private List<String> contactKeys(NewTicket.Party party) {
        List<String> keys = new ArrayList<>();
        if (party != null && party.email() != null) {
            keys.add(ContactKey.ofEmail(contactKeySalt, party.email()));
        }
        if (party != null && party.phone() != null) {
            keys.add(ContactKey.ofPhone(contactKeySalt, party.phone()));
        }
        return keys;
    }
}
