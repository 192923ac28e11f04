package org.whiteglove.vipregistry.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.whiteglove.vipregistry.domain.Vip;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "vip_person")
public class VipPersonEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "external_id")
    public String externalId;
    public String tier;
    @Column(name = "valid_from")
    public Instant validFrom;
    @Column(name = "valid_until")
    public Instant validUntil;
    @JdbcTypeCode(SqlTypes.JSON)
    public Vip details;
    public boolean published;
    @Column(name = "removed_at")
    public Instant removedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    void set(Vip vip, Instant now) {
        details = vip;
        externalId = vip.externalId();
        tier = vip.tier();
        validFrom = vip.validFrom();
        validUntil = vip.validUntil();
        updatedAt = now;
    }
}
