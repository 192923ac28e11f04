package org.whiteglove.vipregistry.persistence;

import java.util.UUID;

/** An email or phone that already belongs to another VIP or delegate. */
public class ContactClashException extends RuntimeException {

    private final String contact;

    public ContactClashException(String contact, UUID personId, UUID delegateId) {
        super(contact + " already belongs to " + (delegateId == null ? "VIP " + personId : "delegate " + delegateId + " of VIP " + personId));
        this.contact = contact;
    }

    public String contact() {
        return contact;
    }
}
