package org.whiteglove.reporting.domain;

import java.time.Instant;
import java.util.List;

/** The VIP list over time, to show how large the population was when its tickets came in. */
public record VipPopulation(List<Membership> members) {

    /**
     * @param listedAt  when the reporting store first saw the person on the list
     * @param removedAt when the owner removed the person (or the listing expired); null while listed
     */
    public record Membership(Instant listedAt, Instant validFrom, Instant validUntil, Instant removedAt) {

        public boolean activeAt(Instant moment) {
            return !listedAt.isAfter(moment)
                    && (validFrom == null || !validFrom.isAfter(moment))
                    && (validUntil == null || validUntil.isAfter(moment))
                    && (removedAt == null || removedAt.isAfter(moment));
        }
    }

    public VipPopulation {
        members = List.copyOf(members);
    }

    public long sizeAt(Instant moment) {
        return members.stream().filter(m -> m.activeAt(moment)).count();
    }
}
