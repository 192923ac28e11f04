package org.whiteglove.prioritizer.persistence;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.whiteglove.prioritizer.domain.PriorityMatrix;
import org.whiteglove.prioritizer.domain.VipPolicy;

import java.time.Instant;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/** The matrix and the VIP policy, versioned: a change is a new version, the old ones stay for the record. */
@ApplicationScoped
public class PolicyStore {

    private final Latest<PriorityMatrix> matrix = new Latest<>("matrix_version", PriorityMatrix::version,
            v -> MatrixVersionEntity.<MatrixVersionEntity>findById(v).matrix, PriorityMatrix::standard);
    private final Latest<VipPolicy> policy = new Latest<>("vip_policy_version", VipPolicy::version,
            v -> PolicyVersionEntity.<PolicyVersionEntity>findById(v).policy, VipPolicy::standard);

    /** Seeds version 1 of each from DOMAIN.md's defaults. */
    @Transactional
    void seed(@Observes StartupEvent startup) {
        if (MatrixVersionEntity.count() == 0) {
            saveMatrix(PriorityMatrix.standard(), "default");
        }
        if (PolicyVersionEntity.count() == 0) {
            savePolicy(VipPolicy.standard(), "default");
        }
    }

    public PriorityMatrix matrix() {
        return matrix.get();
    }

    public VipPolicy policy() {
        return policy.get();
    }

    /**
     * The newest version of a versioned setting, as last read. A version never changes once written, so each
     * consumed batch asks only for the newest version number, and reads and parses the JSON again only when that
     * number moved (parsing both for every batch, and dirty-checking them at its commit, took a sixth of this
     * service's CPU under load).
     */
    private static final class Latest<T> {
        private final String table;
        private final ToIntFunction<T> versionOf;
        private final IntFunction<T> load;
        private final Supplier<T> standard;
        private volatile T known;

        Latest(String table, ToIntFunction<T> versionOf, IntFunction<T> load, Supplier<T> standard) {
            this.table = table;
            this.versionOf = versionOf;
            this.load = load;
            this.standard = standard;
        }

        T get() {
            int latest = ((Number) Panache.getEntityManager().createNativeQuery("SELECT coalesce(max(version), 0) FROM " + table)
                    .getSingleResult()).intValue();
            T last = known;
            if (last == null || versionOf.applyAsInt(last) != latest) {
                known = last = latest == 0 ? standard.get() : load.apply(latest);
            }
            return last;
        }
    }

    @Transactional
    public PriorityMatrix saveMatrix(PriorityMatrix proposed, String actor) {
        MatrixVersionEntity e = new MatrixVersionEntity();
        e.version = (int) MatrixVersionEntity.count() + 1;
        e.matrix = proposed.withVersion(e.version);
        e.createdAt = Instant.now();
        e.createdBy = actor;
        e.persist();
        return e.matrix;
    }

    @Transactional
    public VipPolicy savePolicy(VipPolicy proposed, String actor) {
        PolicyVersionEntity e = new PolicyVersionEntity();
        e.version = (int) PolicyVersionEntity.count() + 1;
        e.policy = proposed.withVersion(e.version);
        e.createdAt = Instant.now();
        e.createdBy = actor;
        e.persist();
        return e.policy;
    }
}
