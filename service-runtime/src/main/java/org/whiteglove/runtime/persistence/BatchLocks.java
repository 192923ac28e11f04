package org.whiteglove.runtime.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import org.hibernate.FlushMode;
import org.hibernate.LockMode;
import org.hibernate.Session;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Locks the rows a consumed batch touches, in one statement per table and in key order, so the events then find
 * their entities in the session instead of two round trips each, and two consumers locking overlapping batches
 * wait for each other instead of deadlocking. The statements run without the session's auto-flush, which would
 * dirty-check every entity of the batch before each one.
 */
public final class BatchLocks {

    private BatchLocks() {
    }

    /** The distinct non-null keys in lock order. */
    public static List<String> inLockOrder(Collection<String> keys) {
        return keys.stream().filter(Objects::nonNull).distinct().sorted().toList();
    }

    /**
     * Creates the rows of {@code table} that do not exist yet, holding only their key and {@code updated_at}
     * (a key another transaction creates meanwhile is left to it), then locks all of them as {@code entity}.
     */
    public static <E> List<E> createAndLock(EntityManager em, String table, String keyColumn, Class<E> entity,
                                            List<String> keys, Instant now) {
        if (keys.isEmpty()) {
            return List.of();
        }
        em.createNativeQuery("INSERT INTO " + table + " (" + keyColumn + ", updated_at) SELECT unnest(cast(?1 AS text[])), ?2"
                        + " ON CONFLICT (" + keyColumn + ") DO NOTHING")
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter(1, keys.toArray(String[]::new)).setParameter(2, now).executeUpdate();
        return lock(em, table, keyColumn, entity, keys);
    }

    /**
     * Locks the existing rows of {@code table} (mapped by {@code entity}) whose {@code keyColumn} is among
     * {@code keys}, ordered by it and then by {@code thenBy} (further columns, for tables with several rows per key).
     * The keys go as one array parameter: an {@code IN} list of as many parameters would make Hibernate translate
     * the query again for every batch size (a sixth of a consumer's CPU under load). The entities come back
     * registered as locked, so a later {@code find} with a pessimistic lock finds them without another statement;
     * {@code FOR NO KEY UPDATE} is the lock Hibernate takes for {@code PESSIMISTIC_WRITE} on PostgreSQL.
     */
    @SuppressWarnings("unchecked")
    public static <E> List<E> lock(EntityManager em, String table, String keyColumn, Class<E> entity, List<String> keys,
                                   String... thenBy) {
        if (keys.isEmpty()) {
            return List.of();
        }
        StringBuilder order = new StringBuilder("e.").append(keyColumn);
        for (String column : thenBy) {
            order.append(", e.").append(column);
        }
        return em.unwrap(Session.class)
                .createNativeQuery("SELECT {e.*} FROM " + table + " e WHERE e." + keyColumn + " = ANY(cast(?1 AS text[]))"
                        + " ORDER BY " + order + " FOR NO KEY UPDATE")
                .addEntity("e", entity, LockMode.PESSIMISTIC_WRITE)
                .setHibernateFlushMode(FlushMode.COMMIT)
                .setParameter(1, keys.toArray(String[]::new))
                .getResultList();
    }
}
