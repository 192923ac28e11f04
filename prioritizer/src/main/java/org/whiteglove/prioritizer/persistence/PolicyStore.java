package org.whiteglove.prioritizer.persistence;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.whiteglove.prioritizer.domain.PriorityMatrix;
import org.whiteglove.prioritizer.domain.VipPolicy;

import java.time.Instant;

/** The matrix and the VIP policy, versioned: a change is a new version, the old ones stay for the record. */
@ApplicationScoped
public class PolicyStore {

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
        MatrixVersionEntity latest = MatrixVersionEntity.find("order by version desc").firstResult();
        return latest == null ? PriorityMatrix.standard() : latest.matrix;
    }

    public VipPolicy policy() {
        PolicyVersionEntity latest = PolicyVersionEntity.find("order by version desc").firstResult();
        return latest == null ? VipPolicy.standard() : latest.policy;
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
