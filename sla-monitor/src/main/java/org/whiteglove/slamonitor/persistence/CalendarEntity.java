package org.whiteglove.slamonitor.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.whiteglove.slamonitor.domain.BusinessCalendar;

import java.time.Instant;

@Entity
@Table(name = "business_calendar")
public class CalendarEntity extends PanacheEntityBase {
    @Id
    public String name;
    @JdbcTypeCode(SqlTypes.JSON)
    public BusinessCalendar calendar;
    public int version;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
}
