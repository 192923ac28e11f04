package org.whiteglove.prioritizer.domain;

import org.whiteglove.events.VipMatch;
import org.whiteglove.events.VipUpserted;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prioritizer's own view of the VIP list, built from the compacted vip.registry topic: hashed
 * contact keys only. It decides who a ticket is credited to.
 */
public final class VipDirectory {

    /** Who a contact key belongs to: a VIP, or a delegate of one. */
    public record Holder(String personId, String tier, String delegateId) {
        boolean isDelegate() {
            return delegateId != null;
        }
    }

    /** The outcome of matching a ticket's people against the list. */
    public record Credit(VipMatch match, String personId, String tier) {
        static final Credit NONE = new Credit(VipMatch.NONE, null, null);
        static final Credit CLAIM_REJECTED = new Credit(VipMatch.CLAIM_REJECTED, null, null);
    }

    private final Map<String, Holder> byKey = new ConcurrentHashMap<>();
    private final Map<String, List<String>> keysByPerson = new ConcurrentHashMap<>();

    public void upsert(VipUpserted vip) {
        remove(vip.personId());
        List<String> keys = new ArrayList<>();
        for (String key : vip.contactKeys()) {
            byKey.put(key, new Holder(vip.personId(), vip.tier(), null));
            keys.add(key);
        }
        for (VipUpserted.Delegate d : vip.delegates()) {
            for (String key : d.contactKeys()) {
                byKey.put(key, new Holder(vip.personId(), vip.tier(), d.delegateId()));
                keys.add(key);
            }
        }
        keysByPerson.put(vip.personId(), keys);
    }

    public void remove(String personId) {
        List<String> keys = keysByPerson.remove(personId);
        if (keys != null) {
            keys.forEach(k -> byKey.computeIfPresent(k, (key, holder) -> holder.personId().equals(personId) ? null : holder));
        }
    }

    public int size() {
        return keysByPerson.size();
    }

    /**
     * Credits a ticket: the requester being a VIP credits that VIP; a delegate submitting for their own VIP
     * credits the VIP; a delegate calling in without naming anyone else acts for their VIP; a delegate
     * submitting for someone who is not their VIP gives no VIP treatment. A claim nobody backs is rejected.
     */
    public Credit credit(List<String> requesterKeys, List<String> submitterKeys, boolean vipClaimed) {
        Optional<Holder> requester = first(requesterKeys);
        Optional<Holder> submitter = first(submitterKeys);
        Credit credit = Credit.NONE;
        if (requester.isPresent() && !requester.get().isDelegate()) {
            Holder vip = requester.get();
            boolean viaDelegate = submitter.filter(s -> s.isDelegate() && s.personId().equals(vip.personId())).isPresent();
            credit = new Credit(viaDelegate ? VipMatch.DELEGATE : VipMatch.VIP, vip.personId(), vip.tier());
        } else if (requester.isPresent() && submitterKeys.isEmpty()) {
            Holder delegate = requester.get();
            credit = new Credit(VipMatch.DELEGATE, delegate.personId(), delegate.tier());
        }
        if (credit.match() == VipMatch.NONE && vipClaimed) {
            return Credit.CLAIM_REJECTED;
        }
        return credit;
    }

    private Optional<Holder> first(List<String> keys) {
        return keys.stream().map(byKey::get).filter(Objects::nonNull).findFirst();
    }
}
