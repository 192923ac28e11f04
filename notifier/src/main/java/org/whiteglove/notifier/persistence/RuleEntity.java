package org.whiteglove.notifier.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.whiteglove.notifier.domain.Rule;

import java.time.Instant;

@Entity
@Table(name = "rule")
public class RuleEntity extends PanacheEntityBase {
    @Id
    public String id;
    @JdbcTypeCode(SqlTypes.JSON)
    public Rule rule;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
}
