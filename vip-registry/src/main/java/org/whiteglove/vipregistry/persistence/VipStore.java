package org.whiteglove.vipregistry.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.whiteglove.events.ContactKey;
import org.whiteglove.events.Topics;
import org.whiteglove.events.VipRemoved;
import org.whiteglove.events.VipUpserted;
import org.whiteglove.runtime.outbox.Outbox;
import org.whiteglove.vipregistry.domain.Vip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The VIP list and what {@code vip.registry} says about it. Every change is audited and, in the same
 * transaction, published through the outbox: the compacted topic carries exactly the people eligible
 * now (VipUpserted), and a removal or expiry publishes VipRemoved followed by a tombstone.
 */
@ApplicationScoped
public class VipStore {

    /** How a looked-up contact matched. */
    public record Match(UUID personId, String tier, UUID delegateId, boolean eligible) {
    }

    private final EntityManager em;
    private final Outbox outbox;
    private final String salt;

    public VipStore(EntityManager em, Outbox outbox, @ConfigProperty(name = "whiteglove.contact-key-salt") String salt) {
        this.em = em;
        this.outbox = outbox;
        this.salt = salt;
    }

    @Transactional
    public Vip create(Vip vip, String actor, String reason) {
        Instant now = Instant.now();
        VipPersonEntity p = new VipPersonEntity();
        p.id = vip.id();
        p.createdAt = now;
        p.set(vip, now);
        p.persist();
        em.flush();
        claimContacts(vip);
        audit(p.id, actor, VipAuditEntity.Action.CREATED, reason, null, vip, now);
        publish(p, now, VipRemoved.Reason.REMOVED);
        return vip;
    }

    @Transactional
    public Vip replace(UUID id, Vip vip, String actor, String reason) {
        Instant now = Instant.now();
        VipPersonEntity p = lock(id);
        Vip before = p.details;
        if (before.equals(vip)) {
            return before;
        }
        releaseContacts(id);
        claimContacts(vip);
        p.set(vip, now);
        audit(id, actor, VipAuditEntity.Action.UPDATED, reason, before, vip, now);
        publish(p, now, VipRemoved.Reason.REMOVED);
        return vip;
    }

    @Transactional
    public void remove(UUID id, String actor, String reason) {
        Instant now = Instant.now();
        VipPersonEntity p = lock(id);
        releaseContacts(id);
        p.removedAt = now;
        p.updatedAt = now;
        audit(id, actor, VipAuditEntity.Action.REMOVED, reason, p.details, null, now);
        publish(p, now, VipRemoved.Reason.REMOVED);
    }

    /**
     * Publishes what validity dates changed by {@code now}: people who became eligible, and people whose
     * eligibility ended. Returns how many changed.
     */
    @Transactional
    public int publishValidityChanges(Instant now) {
        @SuppressWarnings("unchecked")
        List<UUID> due = em.createNativeQuery("SELECT id FROM vip_person WHERE removed_at IS NULL AND published <>"
                        + " ((valid_from IS NULL OR valid_from <= ?1) AND (valid_until IS NULL OR valid_until > ?1))"
                        + " FOR UPDATE SKIP LOCKED") // no result class: it would add a query plan per call (Hibernate 7.4)
                .setParameter(1, now).getResultList();
        for (UUID id : due) {
            VipPersonEntity p = VipPersonEntity.findById(id);
            boolean eligible = p.details.eligibleAt(now);
            audit(id, "validity", eligible ? VipAuditEntity.Action.ACTIVATED : VipAuditEntity.Action.EXPIRED,
                    eligible ? "validFrom reached" : "validUntil reached", p.details, p.details, now);
            publish(p, now, VipRemoved.Reason.EXPIRED);
        }
        return due.size();
    }

    /** The next validFrom or validUntil still ahead of {@code now}. (Transactional: the watcher's thread has no request context.) */
    @Transactional
    public Optional<Instant> nextValidityChange(Instant now) {
        Object next = em.createNativeQuery("SELECT min(t) FROM (SELECT valid_from AS t FROM vip_person"
                        + " WHERE removed_at IS NULL AND valid_from > ?1 UNION ALL SELECT valid_until FROM vip_person"
                        + " WHERE removed_at IS NULL AND valid_until > ?1) boundaries", Instant.class)
                .setParameter(1, now).getSingleResult();
        return Optional.ofNullable((Instant) next);
    }

    public Optional<Match> lookup(String contact, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT c.person_id, c.delegate_id FROM vip_contact c"
                        + " JOIN vip_person p ON p.id = c.person_id WHERE c.value = ?1 AND p.removed_at IS NULL")
                .setParameter(1, contact).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        VipPersonEntity p = VipPersonEntity.findById(rows.get(0)[0]);
        return Optional.of(new Match(p.id, p.tier, (UUID) rows.get(0)[1], p.details.eligibleAt(now)));
    }

    public List<Vip> list() {
        return VipPersonEntity.<VipPersonEntity>list("removedAt is null order by createdAt").stream().map(p -> p.details).toList();
    }

    public Optional<Vip> find(UUID id) {
        return VipPersonEntity.<VipPersonEntity>findByIdOptional(id).filter(p -> p.removedAt == null).map(p -> p.details);
    }

    /** Imported people (with an HR id) still on the list, by HR id. */
    public List<Vip> imported() {
        return VipPersonEntity.<VipPersonEntity>list("removedAt is null and externalId is not null").stream()
                .map(p -> p.details).toList();
    }

    public List<VipAuditEntity> audit(UUID id) {
        if (VipPersonEntity.findById(id) == null) {
            throw new NotFoundException("no VIP " + id);
        }
        return VipAuditEntity.list("personId = ?1 order by id", id);
    }

    /** Who else holds one of these contacts, if anyone: the first clash. */
    public Optional<ContactClashException> clash(Vip vip) {
        List<String> contacts = vip.contacts();
        if (contacts.isEmpty()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT value, person_id, delegate_id FROM vip_contact"
                        + " WHERE value = ANY (?1) AND person_id <> ?2 ORDER BY value")
                .setParameter(1, contacts.toArray(new String[0])).setParameter(2, vip.id()).getResultList();
        return rows.stream().findFirst().map(r -> new ContactClashException((String) r[0], (UUID) r[1], (UUID) r[2]));
    }

    private void claimContacts(Vip vip) {
        clash(vip).ifPresent(c -> {
            throw c;
        });
        insertContacts(vip.id(), null, vip.emails(), vip.phones());
        for (Vip.Delegate d : vip.delegates()) {
            insertContacts(vip.id(), d.id(), d.emails(), d.phones());
        }
    }

    private void insertContacts(UUID personId, UUID delegateId, List<String> emails, List<String> phones) {
        for (String email : emails) {
            insertContact(email, "EMAIL", personId, delegateId);
        }
        for (String phone : phones) {
            insertContact(phone, "PHONE", personId, delegateId);
        }
    }

    private void insertContact(String value, String kind, UUID personId, UUID delegateId) {
        em.createNativeQuery("INSERT INTO vip_contact (value, kind, person_id, delegate_id) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, value).setParameter(2, kind).setParameter(3, personId).setParameter(4, delegateId)
                .executeUpdate();
    }

    private void releaseContacts(UUID personId) {
        em.createNativeQuery("DELETE FROM vip_contact WHERE person_id = ?1").setParameter(1, personId).executeUpdate();
    }

    /** Brings vip.registry in line with the person's eligibility now. */
    private void publish(VipPersonEntity p, Instant now, VipRemoved.Reason reasonIfGone) {
        boolean eligible = p.removedAt == null && p.details.eligibleAt(now);
        if (eligible) {
            Vip v = p.details;
            List<VipUpserted.Delegate> delegates = v.delegates().stream()
                    .map(d -> new VipUpserted.Delegate(d.id().toString(), keys(d.emails(), d.phones())))
                    .toList();
            outbox.publish(new VipUpserted(p.id.toString(), v.tier(), v.validFrom(), v.validUntil(),
                    keys(v.emails(), v.phones()), delegates, now));
        } else if (p.published) {
            outbox.publish(new VipRemoved(p.id.toString(), reasonIfGone, now));
            outbox.publishTombstone(Topics.VIP_REGISTRY, p.id.toString());
        }
        p.published = eligible;
    }

    private List<String> keys(List<String> emails, List<String> phones) {
        List<String> keys = new ArrayList<>();
        emails.forEach(e -> keys.add(ContactKey.ofEmail(salt, e)));
        phones.forEach(ph -> keys.add(ContactKey.ofPhone(salt, ph)));
        return keys;
    }

    private void audit(UUID personId, String actor, VipAuditEntity.Action action, String reason, Vip before, Vip after,
                       Instant now) {
        VipAuditEntity a = new VipAuditEntity();
        a.personId = personId;
        a.at = now;
        a.actor = actor;
        a.action = action.name();
        a.reason = reason;
        a.before = before;
        a.after = after;
        a.persist();
    }

    private VipPersonEntity lock(UUID id) {
        VipPersonEntity p = VipPersonEntity.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (p == null || p.removedAt != null) {
            throw new NotFoundException("no VIP " + id);
        }
        return p;
    }
}
