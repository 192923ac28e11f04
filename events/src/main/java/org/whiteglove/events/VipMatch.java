package org.whiteglove.events;

/** How a ticket's requester matched the VIP list. */
public enum VipMatch {
    /** Not on the list, and no VIP service claimed. */
    NONE,
    /** The requester is the VIP. */
    VIP,
    /** A registered delegate submitted for their VIP; the ticket is credited to the VIP. */
    DELEGATE,
    /** VIP service was claimed but the requester is not eligible; normal service, claim recorded. */
    CLAIM_REJECTED
}
