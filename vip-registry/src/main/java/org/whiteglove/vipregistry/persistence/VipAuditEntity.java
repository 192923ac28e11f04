package org.whiteglove.vipregistry.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.whiteglove.vipregistry.domain.Vip;

import java.time.Instant;
import java.util.UUID;

/** One change of the list: who, when, what (before and after) and why. */
@Entity
@Table(name = "vip_audit")
public class VipAuditEntity extends PanacheEntityBase {

    /** What happened to the person. ACTIVATED and EXPIRED are the validity dates taking effect. */
    public enum Action { CREATED, UPDATED, REMOVED, ACTIVATED, EXPIRED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "person_id")
    public UUID personId;
    public Instant at;
    public String actor;
    public String action;
    public String reason;
    @JdbcTypeCode(SqlTypes.JSON)
    public Vip before;
    @JdbcTypeCode(SqlTypes.JSON)
    public Vip after;
}
