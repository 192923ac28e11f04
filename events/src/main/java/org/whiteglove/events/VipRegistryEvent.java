package org.whiteglove.events;

/** Events on the compacted {@code vip.registry} topic, keyed by person id. */
public sealed interface VipRegistryEvent extends WhitegloveEvent permits VipUpserted, VipRemoved {

    String personId();

    @Override
    default String aggregateId() {
        return personId();
    }
}
